export const ROLES = ['SALES_SPECIALIST', 'CUSTOMER_SERVICE', 'SALES_MANAGER', 'SALES_DIRECTOR', 'FINANCE', 'LEGAL', 'HR', 'ADMIN'] as const;

export type Role = (typeof ROLES)[number];
