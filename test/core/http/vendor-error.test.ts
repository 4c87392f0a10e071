import { AssetbridgeError } from '../../../core/errors';
import {
  MAX_ERROR_BODY,
  VendorHttpError,
  extractVendorMessage,
  failsRun,
} from '../../../core/http/vendor-error';

describe('extractVendorMessage', () => {
  test.each([
    [
      'ServiceNow {error:{message,detail}}',
      {
        error: { message: 'Invalid table sys_x', detail: 'Table sys_x does not exist' },
        status: 'failure',
      },
      'Invalid table sys_x (Table sys_x does not exist)',
    ],
    [
      'ServiceNow with a null detail',
      {
        error: { message: 'Insufficient rights to query records', detail: null },
        status: 'failure',
      },
      'Insufficient rights to query records',
    ],
    [
      'Graph {error:{code,message}}',
      {
        error: {
          code: 'Request_ResourceNotFound',
          message: "Resource 'x' does not exist",
          innerError: {},
        },
      },
      "Request_ResourceNotFound: Resource 'x' does not exist",
    ],
    [
      'Jira {errorMessages, errors}',
      { errorMessages: ['Object not found'], errors: { name: 'Name must be unique' } },
      'Object not found; name: Name must be unique',
    ],
    [
      'Jira with only field errors',
      { errorMessages: [], errors: { serial: 'required' } },
      'serial: required',
    ],
    [
      'JSM {errorMessage}',
      { errorMessage: 'No such service desk', i18nErrorMessage: {} },
      'No such service desk',
    ],
    [
      'Jamf {errors:[{code,description}]}',
      {
        httpStatus: 400,
        errors: [{ code: 'INVALID_FIELD', field: 'general.name', description: 'too long' }],
      },
      'INVALID_FIELD (general.name): too long',
    ],
    [
      'OAuth {error, error_description}',
      { error: 'invalid_scope', error_description: 'AADSTS70011: bad scope' },
      'invalid_scope: AADSTS70011: bad scope',
    ],
    [
      'Atlassian container token {code, message}',
      { code: 401, message: 'Unauthorized' },
      'Unauthorized',
    ],
  ])('%s', (_label, body, expected) => {
    expect(extractVendorMessage(JSON.stringify(body))).toBe(expected);
  });

  test('plain text and HTML bodies', () => {
    expect(extractVendorMessage('  Service   Unavailable \n')).toBe('Service Unavailable');
    expect(
      extractVendorMessage(
        '<html><head><title>502 Bad Gateway</title></head><body>x</body></html>',
      ),
    ).toBe('502 Bad Gateway');
    expect(extractVendorMessage('<p>Quota <b>exceeded</b></p>')).toBe('Quota exceeded');
    expect(extractVendorMessage('')).toBeNull();
  });

  test('unknown JSON shapes are shown as compact JSON; long messages are cut', () => {
    expect(extractVendorMessage('{"weird": [1, 2]}')).toBe('{"weird": [1, 2]}');
    const long = extractVendorMessage(JSON.stringify({ message: 'x'.repeat(2000) }));
    expect(long?.length).toBeLessThan(600);
    expect(long).toMatch(/truncated/);
  });
});

describe('VendorHttpError', () => {
  const make = (over: Partial<ConstructorParameters<typeof VendorHttpError>[1]> = {}) =>
    new VendorHttpError('VENDOR_HTTP', {
      system: 'sn-prod',
      method: 'GET',
      url: 'https://sn.test/api/now/table/x?sysparm_limit=1&access_token=abc123&client_secret=zzz',
      status: 400,
      body: JSON.stringify({ error: { message: 'bad', detail: 'worse' } }),
      retryable: false,
      attempts: 1,
      ...over,
    });

  test('names system, method, redacted URL, status and vendor message', () => {
    const err = make();
    expect(err).toBeInstanceOf(AssetbridgeError);
    expect(err.code).toBe('VENDOR_HTTP');
    expect(err.url).toBe(
      'https://sn.test/api/now/table/x?sysparm_limit=1&access_token=[redacted]&client_secret=[redacted]',
    );
    expect(err.message).toBe(`sn-prod: GET ${err.url} failed with HTTP 400: bad (worse)`);
    expect(err.message).not.toContain('abc123');
    expect(err.details).toMatchObject({ system: 'sn-prod', status: 400 });
  });

  test('keeps at most 2 KB of the body', () => {
    const err = make({ body: 'y'.repeat(10_000) });
    expect(err.body?.startsWith('y'.repeat(MAX_ERROR_BODY))).toBe(true);
    expect(err.body?.length).toBeLessThan(MAX_ERROR_BODY + 40);
    expect(err.body).toMatch(/truncated 7952 chars/);
  });

  test('keeps its cause; transport failures describe the reason', () => {
    const cause = new Error('socket hang up');
    const err = make({
      status: null,
      body: undefined,
      reason: 'ECONNRESET: socket hang up',
      cause,
    });
    expect(err.cause).toBe(cause);
    expect(err.message).toContain('failed with ECONNRESET: socket hang up');
    expect(err.vendorMessage).toBeNull();
  });

  test('failsRun: credentials and long rate limits stop the run; the rest fail a record', () => {
    expect(failsRun(new VendorHttpError('VENDOR_AUTH', { ...base() }))).toBe(true);
    expect(failsRun(new VendorHttpError('RATE_LIMITED', { ...base() }))).toBe(true);
    expect(failsRun(new VendorHttpError('RETRIES_EXHAUSTED', { ...base() }))).toBe(false);
    expect(failsRun(new VendorHttpError('WRITE_OUTCOME_UNKNOWN', { ...base() }))).toBe(false);
    expect(failsRun(new Error('x'))).toBe(false);
  });
});

function base() {
  return {
    system: 's',
    method: 'GET',
    url: 'https://x.test/',
    status: 500,
    retryable: true,
    attempts: 5,
  };
}
