/**
 * IPv4 CIDR arithmetic for the subnet plan and for validation. Addresses are unsigned 32-bit
 * integers held in a JS number (exact up to 2^53), so no bit operators that would sign them.
 */

export interface Ipv4Cidr {
  /** Network address as an integer, 0 … 2^32-1. */
  readonly base: number;
  readonly prefixLength: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; returns undefined when the text is not a well-formed IPv4 CIDR. */
export function parseIpv4Cidr(text: string): { address: number; prefixLength: number } | undefined {
  const match = CIDR_PATTERN.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map((part) => Number(part));
  const prefixLength = Number(match[5]);
  if (octets.some((octet, i) => octet > 255 || (match[i + 1]!.length > 1 && match[i + 1]!.startsWith('0')))) {
    return undefined;
  }
  if (prefixLength > 32) return undefined;
  const address = octets.reduce((acc, octet) => acc * 256 + octet, 0);
  return { address, prefixLength };
}

export function blockSize(prefixLength: number): number {
  return 2 ** (32 - prefixLength);
}

/** The network address of `address` under `prefixLength` (host bits cleared). */
export function networkAddress(address: number, prefixLength: number): number {
  const size = blockSize(prefixLength);
  return address - (address % size);
}

export function formatIpv4(address: number): string {
  const octets: number[] = [];
  let rest = address;
  for (let i = 0; i < 4; i++) {
    octets.unshift(rest % 256);
    rest = Math.floor(rest / 256);
  }
  return octets.join('.');
}

export function formatCidr(cidr: Ipv4Cidr): string {
  return `${formatIpv4(cidr.base)}/${cidr.prefixLength}`;
}

/** Parses a CIDR whose host bits are zero; undefined otherwise. */
export function parseNetworkCidr(text: string): Ipv4Cidr | undefined {
  const parsed = parseIpv4Cidr(text);
  if (!parsed) return undefined;
  if (networkAddress(parsed.address, parsed.prefixLength) !== parsed.address) return undefined;
  return { base: parsed.address, prefixLength: parsed.prefixLength };
}

export function cidrEnd(cidr: Ipv4Cidr): number {
  return cidr.base + blockSize(cidr.prefixLength);
}

export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return inner.base >= outer.base && cidrEnd(inner) <= cidrEnd(outer);
}

export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.base < cidrEnd(b) && b.base < cidrEnd(a);
}
