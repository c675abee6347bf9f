import { configVariables, loadConfig } from '../../bot/config';

describe('configuration from the environment', () => {
  it('defaults to the embedded demo: port 3978, SQLite in ./var, demo mode with demo API keys', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3978, db: { databaseUrl: undefined, dataDir: 'var' }, demoMode: true, microsoftAppType: 'MultiTenant' });
    expect(config.shopApiKey).toBe('demo-shop-key');
    expect(config.tokenSecret).toBeUndefined(); // the host then keeps a generated one in the database
    expect(config.host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw' }).host).toBeUndefined();
  });

  it('turns demo mode off whenever app credentials are set, and offers no demo keys then', () => {
    const config = loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw', DEMO_MODE: '1', TOKEN_SECRET: 's', DATABASE_URL: 'postgres://x/y' });
    expect(config.demoMode).toBe(false);
    expect(config.shopApiKey).toBeUndefined();
    expect(config.staffApiKey).toBeUndefined();
    expect(config.db.databaseUrl).toBe('postgres://x/y');
    expect(config.warnings.join('\n')).not.toMatch(/pw/);
    expect(loadConfig({ DEMO_MODE: 'off' }).demoMode).toBe(false);
  });

  it('refuses nonsense instead of guessing', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ MicrosoftAppType: 'Whatever' })).toThrow(/MicrosoftAppType/);
    expect(() => loadConfig({ QUIET_HOURS: 'nachts' })).toThrow(/QUIET_HOURS/);
    expect(loadConfig({}).quietHours).toEqual({ start: '20:00', end: '08:00' });
    expect(loadConfig({ QUIET_HOURS: 'off' }).quietHours).toBeNull();
  });

  it('reads the limits, with defaults, and refuses nonsense for them', () => {
    expect(loadConfig({}).rateLimits).toEqual({ perAddressPerMinute: 300, perKeyPerMinute: 600, demoTokensPerMinute: 20 });
    expect(loadConfig({}).orderLimits).toEqual({ maxQuantityPerProduct: 10_000, planningHorizonDays: 365 });
    const set = loadConfig({ RATE_LIMIT_PER_MINUTE: '50', RATE_LIMIT_KEY_PER_MINUTE: '70', DEMO_TOKENS_PER_MINUTE: '3', MAX_ORDER_QUANTITY_PER_PRODUCT: '500', PLANNING_HORIZON_DAYS: '90' });
    expect(set.rateLimits).toEqual({ perAddressPerMinute: 50, perKeyPerMinute: 70, demoTokensPerMinute: 3 });
    expect(set.orderLimits).toEqual({ maxQuantityPerProduct: 500, planningHorizonDays: 90 });
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: '0' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
    expect(() => loadConfig({ PLANNING_HORIZON_DAYS: 'forever' })).toThrow(/PLANNING_HORIZON_DAYS/);
    expect(() => loadConfig({ MAX_ORDER_QUANTITY_PER_PRODUCT: '2.5' })).toThrow(/MAX_ORDER_QUANTITY_PER_PRODUCT/);
  });

  it('documents every variable it reads', () => {
    const documented = configVariables.map((v) => v.name);
    for (const name of ['PORT', 'DATA_DIR', 'DATABASE_URL', 'MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppType',
      'MicrosoftAppTenantId', 'LOG_LEVEL', 'TOKEN_SECRET', 'SHOP_API_KEY', 'STAFF_API_KEY', 'DEMO_MODE', 'HOST',
      'RATE_LIMIT_PER_MINUTE', 'RATE_LIMIT_KEY_PER_MINUTE', 'DEMO_TOKENS_PER_MINUTE', 'MAX_ORDER_QUANTITY_PER_PRODUCT', 'PLANNING_HORIZON_DAYS']) {
      expect(documented).toContain(name);
    }
  });
});
