// Response serialization. Checked (tests, `validateResponses: true`): every answer is encoded through its
// route's zod schema and must come out equal to what the handler returned — a field outside the schema or
// a value of the wrong shape fails the request, so the suite proves handlers answer exactly the contract.
// Unchecked (the default): plain JSON.stringify, which the check guarantees gives the same JSON (modulo key
// order); the per-answer schema walk was ~6 % of a request's CPU under load.
import { isDeepStrictEqual } from 'node:util';
import { createSerializerCompiler } from 'fastify-type-provider-zod';

type SerializerCompiler = ReturnType<typeof createSerializerCompiler>;

const plain: SerializerCompiler = () => (data) => JSON.stringify(data);

const checked: SerializerCompiler = (route) => {
  const encode = createSerializerCompiler({})(route);
  return (data) => {
    const out = encode(data);
    if (!isDeepStrictEqual(JSON.parse(out), JSON.parse(JSON.stringify(data)))) {
      throw new Error(`answer of ${route.method} ${route.url} (${route.httpStatus}) has fields or values outside its response schema`);
    }
    return out;
  };
};

export const responseSerializerCompiler = (validate: boolean): SerializerCompiler => (validate ? checked : plain);
