import { isIP } from 'node:net';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * TRUST_PROXY: which `X-Forwarded-For` entries name the client. Each proxy
 * appends the address it saw, so only the entries written by our own proxies
 * can be believed; everything left of them the client wrote itself. Fastify
 * takes a hop count (trust that many proxies in front) or the proxies'
 * addresses, and walks the header from the right until the first address it
 * does not trust.
 */
export type TrustProxy = false | number | string[];

/** More proxies than this in front of one API is a typo (a port, say), not a deployment. */
export const TRUST_PROXY_MAX_HOPS = 10;

/** Names Fastify (`@fastify/proxy-addr`) accepts for the usual ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

const FALSE_WORDS = ['', 'false', '0', 'no', 'off'];
const TRUE_WORDS = ['true', 'yes', 'on'];

/** An IP address, a CIDR block (`10.0.0.0/8`, `fd00::/8`) or one of the range names. */
export function isProxyAddress(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/** The text form → `false`, a hop count or a list of addresses; anything else is left for the validator to explain. */
export const toTrustProxy = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (FALSE_WORDS.includes(text.toLowerCase())) return false;
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(',').map((entry) => entry.trim().toLowerCase());
  return entries.every(isProxyAddress) ? entries : value;
};

function trustProxyMessage(value: unknown): string {
  if (typeof value === 'boolean' || TRUE_WORDS.includes(String(value).trim().toLowerCase())) {
    return (
      'must not be `true`: that trusts every X-Forwarded-For entry, and the client writes the first ones itself ' +
      '(any client could pick its IP and escape the rate limits). Set the number of proxies in front of the API ' +
      '(`1` behind one nginx, as in docker/compose.yaml) or their addresses (`127.0.0.1,10.0.0.0/8`)'
    );
  }
  if (typeof value === 'number') return `must be a hop count from 1 to ${TRUST_PROXY_MAX_HOPS}, or \`false\``;
  const bad = String(value)
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => !isProxyAddress(entry.toLowerCase()));
  return (
    'must be `false`, a hop count (`1`) or comma-separated proxy addresses and CIDRs (`127.0.0.1,10.0.0.0/8`; ' +
    `also \`loopback\`, \`linklocal\`, \`uniquelocal\`); not an address: ${bad.map((b) => JSON.stringify(b)).join(', ')}`
  );
}

export function IsTrustProxy(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTrustProxy',
      validator: {
        validate: (value: unknown) =>
          value === false ||
          (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= TRUST_PROXY_MAX_HOPS) ||
          (Array.isArray(value) && value.length > 0 && value.every((entry) => typeof entry === 'string')),
        defaultMessage: (args) => trustProxyMessage(args?.value),
      },
    },
    options,
  );
}
