import "server-only";
import { headers } from "next/headers";
import { getConfig } from "@/lib/config";
import { clientAddress, SESSION_ADDRESS_HEADER } from "./client-address";

/** The current request's client address (client-address.ts decides), for the sign-in limit and the audit log. */
export async function requestClientAddress(): Promise<string> {
  return clientAddress(await headers(), getConfig().trustedProxyHops);
}

/** The request's headers for a better-auth call that opens a session: the session row records the same address. */
export async function headersForAuth(): Promise<Headers> {
  const incoming = await headers();
  const copy = new Headers(incoming);
  copy.set(SESSION_ADDRESS_HEADER, clientAddress(incoming, getConfig().trustedProxyHops));
  return copy;
}
