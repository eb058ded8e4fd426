import { openApiComponents } from './openapi-components.js';

describe('openApiComponents', () => {
  const schemas = openApiComponents();

  it('writes nullable fields the OpenAPI 3.0 way and refers to named shapes by $ref', () => {
    const contract = schemas.ContractView as { properties: Record<string, object>; required: string[] };
    expect(contract.properties.customerId).toEqual({ type: 'string', nullable: true });
    expect(contract.properties.owner).toEqual({ $ref: '#/components/schemas/PersonView' });
    expect(contract.properties.paymentTermDays).toEqual({ type: 'integer' });
    expect(contract.required).toEqual(expect.arrayContaining(['id', 'status', 'route', 'history']));
    const alert = schemas.RiskAlertView as { properties: Record<string, object> };
    expect(alert.properties.owner).toEqual({ allOf: [{ $ref: '#/components/schemas/PersonView' }], nullable: true });
  });

  it('leaves no JSON Schema 2020 leftovers that OpenAPI 3.0 does not know', () => {
    const text = JSON.stringify(schemas);
    expect(text).not.toContain('"type":"null"');
    expect(text).not.toContain('$schema');
    expect(text).not.toContain('"additionalProperties":false');
  });
});
