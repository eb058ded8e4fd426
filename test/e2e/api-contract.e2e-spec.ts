import { randomUUID } from 'node:crypto';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';
import { contractBody, decide, submit } from '../support/approval-helpers.js';

type Schema = { $ref?: string; type?: string; properties?: object; allOf?: Schema[] };
type Operation = { responses: Record<string, { content?: Record<string, { schema?: Schema }> }> };

/** What a client generated from /docs-json gets, and what every error answer carries. */
describe('the HTTP API\u2019s contract', () => {
  const system = useTestSystem({ setUp: () => seedOrg(system) });

  it('OpenAPI: every operation documents a 2xx answer with a schema (or is a redirect), and every error answer is an ErrorBody', async () => {
    const doc = (await system.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })));
    expect(operations.length).toBeGreaterThanOrEqual(41);
    const resolve = (schema: Schema | undefined): Schema | undefined => (schema?.$ref ? doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema);
    // A redirect (single sign-on) answers nothing but its Location.
    const withoutSchema = operations.filter(({ operation }) => !Object.keys(operation.responses).some((status) => /^3\d\d$/.test(status))).filter(({ operation }) => {
      const answers = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
      return !answers.some(([, answer]) => Object.values(answer.content ?? {}).some(({ schema }) => {
        const resolved = resolve(schema);
        return resolved !== undefined && Object.keys(resolved).length > 0;
      }));
    });
    expect(withoutSchema.map(({ name }) => name)).toEqual([]);
    // /health answers 503 with its own report naming what is down, not an error body.
    const errorsNotShared = operations.flatMap(({ name, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => /^[45]\d\d$/.test(status) && !(name === 'GET /health' && status === '503'))
        .filter(([, answer]) => answer.content?.['application/json']?.schema?.$ref !== '#/components/schemas/ErrorBody')
        .map(([status]) => `${name} ${status}`),
    );
    expect(errorsNotShared).toEqual([]);
    expect(doc.components.schemas.ErrorBody).toMatchObject({ required: expect.arrayContaining(['statusCode', 'code', 'message']) });
    expect(doc.paths['/contracts/{id}'].get.responses['200'].content!['application/json'].schema).toEqual({ $ref: '#/components/schemas/ContractView' });
  });

  it('400 from the validation pipe: validation_failed with field errors', async () => {
    const response = await system.as(ORG.rep).post('/contracts').send({ ...contractBody('Bad'), amount: -1 }).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed', message: expect.any(String), errors: expect.arrayContaining([expect.objectContaining({ field: 'amount' })]) });
  });

  it('400 for a body that is not JSON: malformed_json', async () => {
    const response = await system.as(ORG.rep).post('/contracts').set('content-type', 'application/json').send('{"title":').expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'malformed_json' });
  });

  it('404 from a service, across the NATS hop: the code the throw site named', async () => {
    const response = await system.as(ORG.rep).get(`/contracts/${randomUUID()}`).expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, code: 'contract.not_found', message: expect.stringContaining('does not exist') });
  });

  it('409 on a decision that is no longer the caller\u2019s to make, and on a stale version', async () => {
    const { id } = await submit(system, ORG.rep, contractBody('Decided twice', { discountPct: 8 }));
    await decide(system, ORG.manager, id, 'approve').expect(200);
    const again = await decide(system, ORG.manager, id, 'approve').expect(409);
    expect(again.body).toMatchObject({ statusCode: 409, code: 'conflict.not_actionable' });

    const customer = await system.as(ORG.rep).post('/customers').send({ code: 'C-ERR-1', name: 'Stale Co' }).expect(201);
    const stale = await system.http
      .patch(`/customers/${customer.body.id}`)
      .set('authorization', `Bearer ${system.token(ORG.rep)}`).send({ version: customer.body.version + 1, name: 'Renamed' }).expect(409);
    expect(stale.body).toMatchObject({ statusCode: 409, code: 'conflict.stale_version' });
  });

  it('401 from the guard: unauthenticated; 403: forbidden', async () => {
    const anonymous = await system.http.get('/contracts').expect(401);
    expect(anonymous.body).toMatchObject({ statusCode: 401, code: 'unauthenticated', message: expect.stringContaining('bearer token') });
    const forbidden = await system.as(ORG.rep).put('/fx-rates').send({ rates: { USD: 7.1 } }).expect(403);
    expect(forbidden.body).toMatchObject({ statusCode: 403, code: 'forbidden' });
  });
});
