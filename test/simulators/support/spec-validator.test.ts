import { componentSchemaNames, openApiFromDocument, validateAgainstSchema } from './spec-validator';

const spec = openApiFromDocument(
  {
    openapi: '3.0.1',
    servers: [{ url: 'https://example.invalid/api' }],
    paths: {
      '/v1/things': {
        get: {
          responses: {
            '200': {
              description: 'ok',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      totalCount: { type: 'integer' },
                      results: { type: 'array', items: { $ref: '#/components/schemas/Thing' } },
                    },
                  },
                },
              },
            },
            '400': { $ref: '#/components/responses/BadRequest' },
          },
        },
        post: {
          responses: {
            '201': {
              description: 'created',
              content: {
                'application/json;charset=UTF-8': { schema: { $ref: '#/components/schemas/Href' } },
              },
            },
          },
        },
      },
      '/v1/things/{id}': {
        get: {
          responses: {
            '200': {
              description: 'ok',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
            },
          },
        },
      },
      '/v1/things/search': {
        get: {
          responses: {
            '200': {
              description: 'ok',
              content: {
                'application/json': { schema: { type: 'array', items: { type: 'string' } } },
              },
            },
          },
        },
      },
    },
    components: {
      responses: {
        BadRequest: {
          description: 'bad',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
      schemas: {
        Base: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
        Thing: {
          allOf: [
            { $ref: '#/components/schemas/Base' },
            {
              type: 'object',
              properties: {
                name: { type: 'string', nullable: true },
                kind: { type: 'string', enum: ['A', 'B'], nullable: true },
                size: { type: 'integer', format: 'int64', minimum: 0, exclusiveMinimum: true },
                owner: { $ref: '#/components/schemas/Owner' },
                extra: { type: 'object' },
                labels: { type: 'object', additionalProperties: { type: 'string' } },
                parent: { nullable: true, allOf: [{ $ref: '#/components/schemas/Owner' }] },
              },
            },
          ],
        },
        Owner: { type: 'object', properties: { email: { type: 'string', format: 'email' } } },
        Href: { type: 'object', properties: { id: { type: 'string' }, href: { type: 'string' } } },
        Error: {
          type: 'object',
          properties: {
            httpStatus: { type: 'integer' },
            errors: {
              type: 'array',
              items: { type: 'object', properties: { code: { type: 'string' } } },
            },
          },
        },
        Open: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: true },
      },
    },
  },
  'things.json',
);

const thing = {
  id: '1',
  name: null,
  kind: 'A',
  size: 3,
  owner: { email: 'a@example.com' },
  extra: { anything: 1 },
  labels: { x: 'y' },
  parent: null,
};

describe('validateAgainstSchema with an inline spec', () => {
  test('a valid body through allOf, $ref, nullable and free-form objects has no errors', () => {
    expect(validateAgainstSchema(spec, 'Thing', thing)).toEqual([]);
    expect(validateAgainstSchema(spec, '#/components/schemas/Thing', thing)).toEqual([]);
    expect(validateAgainstSchema(spec, { schema: 'Thing' }, thing)).toEqual([]);
  });

  test('an invented field fails at the top, in a nested object and in array items', () => {
    expect(validateAgainstSchema(spec, 'Thing', { ...thing, invented: 1 })).toEqual([
      '/: has property "invented" that the vendor schema does not declare',
    ]);
    expect(
      validateAgainstSchema(spec, 'Thing', { ...thing, owner: { email: 'a@b.co', x: 1 } }),
    ).toEqual(['/owner: has property "x" that the vendor schema does not declare']);
    const list = { totalCount: 1, results: [{ ...thing, bogus: true }] };
    expect(validateAgainstSchema(spec, 'GET /v1/things', list)).toEqual([
      '/results/0: has property "bogus" that the vendor schema does not declare',
    ]);
  });

  test('nullable: null allowed only where declared; enums gain null', () => {
    expect(
      validateAgainstSchema(spec, 'Thing', { ...thing, kind: null, parent: { email: 'p@q.io' } }),
    ).toEqual([]);
    expect(validateAgainstSchema(spec, 'Thing', { ...thing, id: null })).toEqual([
      '/id: must be string',
    ]);
    expect(validateAgainstSchema(spec, 'Thing', { ...thing, kind: 'C' })).toEqual([
      '/kind: must be one of ["A","B",null]',
    ]);
    expect(
      validateAgainstSchema(spec, 'Thing', { ...thing, parent: { email: 'p@q.io', zz: 1 } }),
    ).toContain('/parent: has property "zz" that the vendor schema does not declare');
  });

  test('types, formats, required and OpenAPI 3.0 boolean exclusiveMinimum are checked', () => {
    const errors = validateAgainstSchema(spec, 'Thing', {
      ...thing,
      id: undefined,
      size: 0,
      owner: { email: 'nope' },
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        "/: must have required property 'id'",
        '/size: must be > 0',
        '/owner/email: must match format "email"',
      ]),
    );
  });

  test('additionalProperties set by the vendor is respected; allowAdditionalProperties opens all', () => {
    expect(validateAgainstSchema(spec, 'Open', { a: 'x', b: 2 })).toEqual([]);
    expect(
      validateAgainstSchema(
        spec,
        'Thing',
        { ...thing, invented: 1 },
        { allowAdditionalProperties: true },
      ),
    ).toEqual([]);
  });

  test('operations: METHOD PATH [STATUS], response $refs, charset media types, concrete paths', () => {
    expect(
      validateAgainstSchema(spec, 'GET /v1/things 400', {
        httpStatus: 400,
        errors: [{ code: 'X' }],
      }),
    ).toEqual([]);
    expect(
      validateAgainstSchema(spec, 'GET /v1/things 400', { httpStatus: 400, message: 'x' }),
    ).toHaveLength(1);
    expect(validateAgainstSchema(spec, 'POST /v1/things 201', { id: '1', href: '/x' })).toEqual([]);
    expect(validateAgainstSchema(spec, 'GET /api/v1/things/42', thing)).toEqual([]);
    expect(validateAgainstSchema(spec, 'GET /v1/things/search', ['a'])).toEqual([]);
    expect(
      validateAgainstSchema(spec, { method: 'get', path: '/v1/things/{id}' }, { id: 5 }),
    ).toEqual(['/id: must be string']);
  });

  test('unknown targets give clear errors', () => {
    expect(() => validateAgainstSchema(spec, 'Nope', {})).toThrow(
      'things.json: no schema at #/components/schemas/Nope',
    );
    expect(() => validateAgainstSchema(spec, 'GET /v2/nothing', {})).toThrow(
      'things.json: no path matches /v2/nothing',
    );
    expect(() => validateAgainstSchema(spec, 'DELETE /v1/things', {})).toThrow(
      'DELETE /v1/things has no operation',
    );
    expect(() => validateAgainstSchema(spec, 'GET /v1/things 404', {})).toThrow(
      'has no 404 response (it has: 200, 400)',
    );
    expect(() => openApiFromDocument({ swagger: '2.0' }, 'old.json')).toThrow(
      'old.json is not an OpenAPI 3 document',
    );
  });

  test('componentSchemaNames lists the schemas', () => {
    expect(componentSchemaNames(spec)).toContain('Thing');
  });
});
