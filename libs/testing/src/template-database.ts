// One implementation, shared with jest's globalSetup, which runs before TypeScript is transformed.
// Imported by a package name so the same line resolves from the sources and from dist (the bench).
export { ADMIN_DATABASE_URL, databaseUrl, templateDatabaseName } from '#libs/testing/template-name';
