export declare const ADMIN_DATABASE_URL: string;
export declare function templateDatabaseName(root?: string): string;
export declare function databaseUrl(name: string): string;
