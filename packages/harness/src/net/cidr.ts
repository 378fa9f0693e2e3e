/**
 * CIDR arithmetic in BigInt, IPv4 and IPv6, for CloudFormation's Fn::Cidr and Terraform's
 * cidrsubnet/cidrsubnets/cidrhost/cidrnetmask. Note the difference the two tools make:
 * Fn::Cidr's `cidrBits` counts *host* bits of each subnet; cidrsubnet's `newbits` counts the
 * *network* bits added to the prefix.
 */

export interface IpNetwork {
  readonly version: 4 | 6;
  /** Address as given (host bits may be set). */
  readonly address: bigint;
  readonly prefixLength: number;
}

export const bitsOf = (version: 4 | 6): number => (version === 4 ? 32 : 128);

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256n + BigInt(part);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.split('::').length > 2) return undefined;
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const groups = (part: string | undefined): string[] => (part ? part.split(':') : []);
  let headGroups = groups(head);
  let tailGroups = groups(tail);
  // An embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups.
  const last = (tail !== undefined ? tailGroups : headGroups).at(-1);
  if (last?.includes('.')) {
    const v4 = parseIpv4(last);
    if (v4 === undefined) return undefined;
    const replacement = [(v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16)];
    if (tail !== undefined) tailGroups = [...tailGroups.slice(0, -1), ...replacement];
    else headGroups = [...headGroups.slice(0, -1), ...replacement];
  }
  const missing = 8 - headGroups.length - tailGroups.length;
  if ((tail === undefined && missing !== 0) || missing < 0 || (tail !== undefined && missing < 1))
    return undefined;
  const all = [...headGroups, ...Array(tail === undefined ? 0 : missing).fill('0'), ...tailGroups];
  let value = 0n;
  for (const group of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    value = (value << 16n) + BigInt(`0x${group}`);
  }
  return value;
}

export function parseAddress(text: string): { version: 4 | 6; address: bigint } | undefined {
  if (text.includes(':')) {
    const address = parseIpv6(text);
    return address === undefined ? undefined : { version: 6, address };
  }
  const address = parseIpv4(text);
  return address === undefined ? undefined : { version: 4, address };
}

export function parseCidr(text: string): IpNetwork | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const parsed = parseAddress(text.slice(0, slash));
  const prefix = text.slice(slash + 1);
  if (!parsed || !/^\d{1,3}$/.test(prefix)) return undefined;
  const prefixLength = Number(prefix);
  if (prefixLength > bitsOf(parsed.version)) return undefined;
  return { version: parsed.version, address: parsed.address, prefixLength };
}

export function formatAddress(version: 4 | 6, address: bigint): string {
  if (version === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => ((address >> shift) & 255n).toString()).join('.');
  }
  const groups = Array.from({ length: 8 }, (_, i) =>
    ((address >> BigInt(112 - 16 * i)) & 0xffffn).toString(16),
  );
  // RFC 5952: compress the longest run (≥ 2) of zero groups.
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLength && j - i >= 2) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  if (bestStart < 0) return groups.join(':');
  return `${groups.slice(0, bestStart).join(':')}::${groups.slice(bestStart + bestLength).join(':')}`;
}

export function networkBase(network: IpNetwork): bigint {
  const hostBits = BigInt(bitsOf(network.version) - network.prefixLength);
  return (network.address >> hostBits) << hostBits;
}

export function formatNetwork(version: 4 | 6, address: bigint, prefixLength: number): string {
  return `${formatAddress(version, address)}/${prefixLength}`;
}

/** The `number`th subnet of `newbits` more network bits (Terraform's cidrsubnet). */
export function subnetOf(network: IpNetwork, newbits: number, number: bigint): string {
  const total = bitsOf(network.version);
  const prefixLength = network.prefixLength + newbits;
  if (newbits < 0 || prefixLength > total) {
    throw new RangeError(
      `not enough address space: ${network.prefixLength} + ${newbits} bits exceeds ${total}`,
    );
  }
  if (number < 0n || number >= 1n << BigInt(newbits)) {
    throw new RangeError(`prefix extension of ${newbits} bits has no subnet number ${number}`);
  }
  const address = networkBase(network) + (number << BigInt(total - prefixLength));
  return formatNetwork(network.version, address, prefixLength);
}

/** The `number`th host address (negative counts from the end: Terraform's cidrhost). */
export function hostOf(network: IpNetwork, number: bigint): string {
  const hostBits = BigInt(bitsOf(network.version) - network.prefixLength);
  const size = 1n << hostBits;
  const index = number < 0n ? size + number : number;
  if (index < 0n || index >= size)
    throw new RangeError(`prefix of ${network.prefixLength} bits has no host number ${number}`);
  return formatAddress(network.version, networkBase(network) + index);
}

/** Netmask of an IPv4 network (Terraform's cidrnetmask). */
export function netmaskOf(network: IpNetwork): string {
  if (network.version !== 4) throw new RangeError('only IPv4 networks have a netmask');
  const mask = ((1n << 32n) - 1n) ^ ((1n << BigInt(32 - network.prefixLength)) - 1n);
  return formatAddress(4, mask);
}

/** CloudFormation's Fn::Cidr: `count` consecutive subnets of `cidrBits` host bits each. */
export function cloudFormationCidr(network: IpNetwork, count: number, cidrBits: number): string[] {
  const total = bitsOf(network.version);
  const prefixLength = total - cidrBits;
  if (cidrBits < 1 || prefixLength < network.prefixLength) {
    throw new RangeError(
      `cidrBits ${cidrBits} makes /${prefixLength} subnets, which do not fit in a /${network.prefixLength}`,
    );
  }
  const available = 1n << BigInt(prefixLength - network.prefixLength);
  if (count < 1 || count > 256 || BigInt(count) > available) {
    throw new RangeError(
      `count ${count} is out of range: 1 to ${available < 256n ? available : 256n} subnets fit`,
    );
  }
  const base = networkBase(network);
  return Array.from({ length: count }, (_, i) =>
    formatNetwork(network.version, base + (BigInt(i) << BigInt(cidrBits)), prefixLength),
  );
}
