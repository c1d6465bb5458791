import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import type { Sql } from "postgres";

/** A member created straight in Postgres (quicker than an invitation, for specs about roles), with a password better-auth accepts. */
export interface TestMember {
  name: string;
  email: string;
  password: string;
  role: "viewer" | "operator" | "admin";
}

export const VIEWER: TestMember = {
  name: "Vera Viewer",
  email: "vera@example.com",
  password: "viewer password 1",
  role: "viewer",
};
export const OPERATOR: TestMember = {
  name: "Otto Operator",
  email: "otto@example.com",
  password: "operator password 1",
  role: "operator",
};

export async function insertMember(sql: Sql, member: TestMember): Promise<string> {
  const id = randomUUID();
  const hash = await hashPassword(member.password);
  await sql`insert into users (id, name, email, email_verified, role) values (${id}, ${member.name}, ${member.email}, true, ${member.role})`;
  await sql`insert into accounts (id, account_id, provider_id, user_id, password) values (${randomUUID()}, ${id}, 'credential', ${id}, ${hash})`;
  return id;
}
