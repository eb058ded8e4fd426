export interface PersonView {
  id: string;
  email: string;
  name: string;
}

export function personView(employee: { id: string; email: string; name: string }): PersonView {
  return { id: employee.id, email: employee.email, name: employee.name };
}
