import type { Selectable } from 'kysely';
import type { Complaint, Contract, Customer, CustomerImport, Employee, RiskAlert, Survey, Timer, Visit } from '#generated/kysely';

// Rows as Kysely reads them (`#generated/kysely`, generated from schema.prisma). Prisma's model
// types are assignable to these (its Json is `unknown` here), so code that takes a row accepts
// either client's; numeric columns are strings here, not Prisma.Decimal.
export type CustomerRow = Selectable<Customer>;
export type ComplaintRow = Selectable<Complaint>;
export type ContractRow = Selectable<Contract>;
export type CustomerImportRow = Selectable<CustomerImport>;
export type EmployeeRow = Selectable<Employee>;
export type RiskAlertRow = Selectable<RiskAlert>;
export type SurveyRow = Selectable<Survey>;
export type TimerRow = Selectable<Timer>;
export type VisitRow = Selectable<Visit>;
