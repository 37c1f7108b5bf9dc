export { Secret } from './secret.js';
export {
  credentialsFromEnv,
  resolveCredentials,
  type Credentials,
  type CredentialsProvider,
  type EnvNames,
  type ResolvedCredentials,
} from './credentials.js';
