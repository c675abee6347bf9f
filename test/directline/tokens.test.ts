import { DirectLineTokens } from '../../bot/directline/tokens';

describe('Direct Line tokens', () => {
  const tokens = new DirectLineTokens('server-secret', 600);

  test('carry user, name, locale and conversation until they expire', () => {
    const { token, expires_in } = tokens.issue({ userId: 'demo-mueller', name: 'Frau Müller', locale: 'de-DE', conversationId: 'c1' });
    expect(expires_in).toBe(600);
    const claims = tokens.verify(token)!;
    expect(claims).toMatchObject({ userId: 'demo-mueller', name: 'Frau Müller', locale: 'de-DE', conversationId: 'c1' });
    expect(claims.expiresAt - Date.now() / 1000).toBeGreaterThan(590);
  });

  test('are JWT-shaped, so Web Chat can read the user id from the payload', () => {
    const { token } = tokens.issue({ userId: 'demo-cafe' });
    const [header, payload] = token.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString()).sub).toBe('demo-cafe');
  });

  test('two tokens for the same claims differ', () => {
    expect(tokens.issue({ userId: 'u' }).token).not.toBe(tokens.issue({ userId: 'u' }).token);
  });

  test('refuse other keys, tampering, expiry and junk', () => {
    const { token } = tokens.issue({ userId: 'demo-sales' });
    const [header, payload, signature] = token.split('.');
    const raised = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'demo-admin' })).toString('base64url');
    expect(tokens.verify(`${header}.${raised}.${signature}`)).toBeUndefined();
    expect(tokens.verify(`${header}.${payload}.${signature.slice(0, -2)}`)).toBeUndefined();
    expect(new DirectLineTokens('other-secret', 600).verify(token)).toBeUndefined();
    expect(tokens.verify(new DirectLineTokens('server-secret', -1).issue({ userId: 'demo-sales' }).token)).toBeUndefined();
    for (const junk of ['', 'a.b', 'a.b.c', `${header}.!!!.${signature}`, undefined]) expect(tokens.verify(junk)).toBeUndefined();
  });

  test('need a secret', () => {
    expect(() => new DirectLineTokens('', 600)).toThrow();
  });
});
