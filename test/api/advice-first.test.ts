// Error lines a narrow terminal may cut keep their advice (issue #16, item 8): what to check first, the server's words after.
import { describe, expect, it } from 'vitest';
import { adviceFirstLine, ApiError, ConnectionError } from '../../src/api/errors';
import { fit } from '../../src/ui/format';

describe('adviceFirstLine', () => {
  it('puts what to check before the server text, so 80 columns keep it', () => {
    const refused = new ConnectionError('connect ECONNREFUSED 127.0.0.1:9');
    const line = adviceFirstLine(refused);
    expect(line).toMatch(/^check the base URL \(--base-url, OPENAI_BASE_URL\) and any proxy .* · network error: connect ECONNREFUSED/);
    expect(fit(line, 80)).toContain('check the base URL');

    const scopes = new ApiError({
      status: 401,
      apiMessage:
        'You have insufficient permissions for this operation. Missing scopes: api.management.read. Check that you have the correct role.',
    });
    const cut = fit(adviceFirstLine(scopes), 80);
    expect(cut).toContain('admin key');
    expect(cut).not.toMatch(/^401/);
    expect(adviceFirstLine(scopes)).toContain('· 401');
  });

  it('is the server text alone when there is no advice', () => {
    const error = new ApiError({ status: 500, apiMessage: 'The server had an error' });
    expect(adviceFirstLine(error)).toBe('500: The server had an error');
  });
});
