/**
 * The name an endpoint answers to in job URLs: `<id>-<appName>` (the guide's `o8UJWkag5WTn-async`). Novita
 * defaults the app name to the id, and then the bare id is the name. Guides also show other bare names
 * (`0f43a6867e05fddd`), which is why callers may override the result per endpoint.
 */
export function deriveJobRouteName(id: string, appName: string | undefined): string {
  const app = appName?.trim();
  return app && app !== id ? `${id}-${app}` : id;
}
