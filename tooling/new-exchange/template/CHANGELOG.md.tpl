# @exkit/__id__

Not released yet. Each user-visible change lands with a changeset (`pnpm changeset`); the release
writes this file from them.
