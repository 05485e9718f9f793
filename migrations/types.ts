/** The part of a SQLite connection a migration may use. Migrations are frozen: they never import app code. */
export interface MigrationDb {
  exec(sql: string): unknown;
}

export interface Migration {
  /** NNNN from the file name, in steps of 10. */
  version: number;
  name: string;
  up(db: MigrationDb): void;
}
