import type { Knex } from 'knex';
import * as m001 from './001_parties_catalog';
import * as m002 from './002_bot_state';
import * as m003 from './003_directline';
import * as m004 from './004_orders';
import * as m005 from './005_settings';
import * as m006 from './006_outbox_recipients';
import * as m008 from './008_invoices';
import * as m009 from './009_services';
import * as m010 from './010_indexes';
import * as m011 from './011_identities';
import * as m012 from './012_payments';
import * as m013 from './013_quotes';
import * as m014 from './014_directline_attachments';
import * as m015 from './015_reference_version';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** Migrations are imported, not globbed from disk, so they run the same under tsx, jest and a build. */
const migrations: Record<string, Migration> = {
  '001_parties_catalog': m001,
  '002_bot_state': m002,
  '003_directline': m003,
  '004_orders': m004,
  '005_settings': m005,
  '006_outbox_recipients': m006,
  '008_invoices': m008,
  '009_services': m009,
  '010_indexes': m010,
  '011_identities': m011,
  '012_payments': m012,
  '013_quotes': m013,
  '014_directline_attachments': m014,
  '015_reference_version': m015,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name],
};
