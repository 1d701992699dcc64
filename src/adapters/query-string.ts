/**
 * `a=1&b=two+words` from a record, form-encoded as URLSearchParams writes it (spaces as `+`), so the
 * adapters need neither the DOM lib nor Node's globals for it. `undefined` values are left out.
 */
export function queryString(params: Readonly<Record<string, string | undefined>>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) parts.push(`${formEncode(key)}=${formEncode(value)}`);
  return parts.join('&');
}

function formEncode(text: string): string {
  return encodeURIComponent(text).replace(/%20/g, '+');
}
