import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Structured JSON logs. Secrets and tokens are redacted wherever they turn up; message texts are logged at
 * debug only, by the code that logs them.
 */
export function createLogger(level = 'info'): Logger {
  return pino({
    level,
    base: { service: 'auftragsbot' },
    redact: {
      paths: [
        'req.headers.authorization',
        'headers.authorization',
        'authorization',
        '*.authorization',
        'token',
        '*.token',
        'password',
        '*.password',
        'secret',
        '*.secret',
        '*.tokenSecret',
        '*.microsoftAppPassword',
        '*.shopApiKey',
        '*.staffApiKey',
      ],
      censor: '[redacted]',
    },
  });
}
