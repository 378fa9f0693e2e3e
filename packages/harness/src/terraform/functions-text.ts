/**
 * Terraform's encoding and text functions that go beyond strings: YAML and CSV decoding, text in
 * other character encodings, gzip, UUID v5, RSA decryption; and the three whose answer does not
 * exist offline (bcrypt's salt is random; sensitivity is not tracked), which give Unknown with why.
 */
import { createHash, createPrivateKey } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { parseAllDocuments } from 'yaml';
import { Unknown, type Value } from '../model/value.js';
import { type FunctionDefinition, fail, str } from './function-args.js';

/**
 * A YAML value as Terraform's yamldecode gives it: mappings as objects, sequences as tuples; scalars
 * resolved as YAML 1.1 resolves them (`yes` is true), as the oracle showed Terraform does.
 */
function fromYaml(value: unknown): Value {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(fromYaml);
  if (value instanceof Map) {
    return Object.fromEntries([...value.entries()].map(([key, item]) => [String(key), fromYaml(item)]));
  }
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, fromYaml(item)]),
    );
  }
  if (typeof value === 'number' && !Number.isFinite(value))
    fail('YAML infinity and NaN have no Terraform value');
  if (typeof value === 'bigint') return Number(value);
  return value as Value;
}

function yamlDecode(text: string): Value {
  const documents = parseAllDocuments(text, { schema: 'yaml-1.1', uniqueKeys: true });
  if (!Array.isArray(documents)) fail('the YAML is not a document');
  const list = documents as ReturnType<typeof parseAllDocuments> & unknown[];
  if (list.length === 0) return null;
  if (list.length > 1) fail('the YAML holds more than one document; yamldecode takes one');
  const [document] = list;
  const error = document!.errors[0];
  if (error) fail(`on line ${error.linePos?.[0]?.line ?? '?'}: ${error.message.split('\n')[0]}`);
  return fromYaml(document!.toJS({ mapAsMap: false }));
}

/** RFC 4180, as Go's encoding/csv reads it (strict quotes, \r\n or \n). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (char === '\n') line++;
        field += char;
      }
      continue;
    }
    if (char === '"') {
      if (field !== '' || wasQuoted) fail(`on line ${line}: a bare " in a field that is not quoted`);
      quoted = true;
      wasQuoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
      wasQuoted = false;
    } else if (char === '\n' || (char === '\r' && text[i + 1] === '\n')) {
      if (char === '\r') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      wasQuoted = false;
      line++;
    } else {
      if (wasQuoted) fail(`on line ${line}: extraneous text after a quoted field`);
      field += char;
    }
  }
  if (quoted) fail(`on line ${line}: a quoted field is not closed`);
  if (field !== '' || row.length > 0 || wasQuoted) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((fields) => !(fields.length === 1 && fields[0] === ''));
}

function csvDecode(text: string): Value {
  const [header, ...rows] = csvRows(text);
  if (!header) fail('missing header line');
  return rows.map((fields, index) => {
    if (fields.length !== header!.length) {
      fail(`data for row ${index + 2} has ${fields.length} fields, but the header has ${header!.length}`);
    }
    return Object.fromEntries(header!.map((name, column) => [name, fields[column]!]));
  });
}

/** Character encodings iac-compare can write offline (decoding takes whatever TextDecoder knows). */
function encode(text: string, encoding: string): Buffer {
  const name = encoding.toLowerCase().replace(/[^a-z0-9]/g, '');
  switch (name) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf16le':
      return Buffer.from(text, 'utf16le');
    case 'utf16be': {
      const bytes = Buffer.from(text, 'utf16le');
      for (let i = 0; i + 1 < bytes.length; i += 2) [bytes[i], bytes[i + 1]] = [bytes[i + 1]!, bytes[i]!];
      return bytes;
    }
    case 'iso88591':
    case 'latin1':
    case 'usascii':
    case 'ascii': {
      const limit = name.includes('ascii') ? 0x7f : 0xff;
      for (const char of text) {
        if (char.codePointAt(0)! > limit)
          fail(`the given string contains characters that cannot be represented in ${encoding}`);
      }
      return Buffer.from(text, 'latin1');
    }
    default:
      return fail(
        `iac-compare cannot encode ${encoding} offline; use UTF-8, UTF-16LE, UTF-16BE, ISO-8859-1 or US-ASCII`,
      );
  }
}

function decode(bytes: Buffer, encoding: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch (error) {
    if (error instanceof RangeError && /encoding/i.test(error.message))
      return fail(`unknown encoding ${encoding}`);
    return fail(`the given value is not valid ${encoding} text`);
  }
}

const NAMESPACES: Readonly<Record<string, string>> = {
  dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
  oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8',
  x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8',
};

function uuidV5(namespace: string, name: string): string {
  const id = NAMESPACES[namespace] ?? namespace;
  if (!/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(id)) {
    fail(`uuidv5: namespace must be one of dns, url, oid, x500 or a UUID, not "${namespace}"`);
  }
  const hash = createHash('sha1')
    .update(Buffer.from(id.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

/**
 * RSA PKCS #1 v1.5 decryption, as Terraform's rsadecrypt does it, done by hand: Node no longer
 * offers PKCS #1 v1.5 for private-key decryption (the Marvin attack), and offline we only ever
 * decrypt what the configuration itself holds.
 */
function rsaDecrypt(ciphertextBase64: string, pem: string): string {
  let jwk: { n?: string; d?: string };
  try {
    jwk = createPrivateKey(pem).export({ format: 'jwk' }) as { n?: string; d?: string };
  } catch {
    return fail('failed to parse the private key (PEM, PKCS #1 or #8)');
  }
  const big = (base64url: string) =>
    BigInt(`0x${Buffer.from(base64url, 'base64url').toString('hex') || '0'}`);
  const n = big(jwk.n!);
  const d = big(jwk.d!);
  const cipher = Buffer.from(ciphertextBase64, 'base64');
  const size = Buffer.from(jwk.n!, 'base64url').length;
  const message = modPow(BigInt(`0x${cipher.toString('hex') || '0'}`), d, n)
    .toString(16)
    .padStart(size * 2, '0');
  const bytes = Buffer.from(message, 'hex');
  if (bytes[0] !== 0 || bytes[1] !== 2) return fail('failed to decrypt: not PKCS #1 v1.5 padding');
  const separator = bytes.indexOf(0, 2);
  if (separator < 10) return fail('failed to decrypt: not PKCS #1 v1.5 padding');
  return bytes.subarray(separator + 1).toString('utf8');
}

export const TEXT_FUNCTIONS: Readonly<Record<string, FunctionDefinition>> = {
  strcontains: { min: 2, max: 2, call: ([s, part]) => str(s!).includes(str(part!)) },
  yamldecode: { min: 1, max: 1, call: ([text]) => yamlDecode(str(text!)) },
  csvdecode: { min: 1, max: 1, call: ([text]) => csvDecode(str(text!)) },
  textencodebase64: {
    min: 2,
    max: 2,
    call: ([text, encoding]) => encode(str(text!), str(encoding!)).toString('base64'),
  },
  textdecodebase64: {
    min: 2,
    max: 2,
    call: ([text, encoding]) => {
      const source = str(text!);
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(source) || source.length % 4 !== 0)
        fail('failed to decode base64 data');
      return decode(Buffer.from(source, 'base64'), str(encoding!));
    },
  },
  base64sha512: {
    min: 1,
    max: 1,
    call: ([text]) => createHash('sha512').update(str(text!), 'utf8').digest('base64'),
  },
  base64gzip: {
    min: 1,
    max: 1,
    // A valid gzip of the same bytes; Go's deflate may choose other bytes for the same data.
    call: ([text]) => {
      const gzip = gzipSync(Buffer.from(str(text!), 'utf8'));
      gzip[9] = 255; // the OS field, as Go's gzip writer leaves it: unknown
      return gzip.toString('base64');
    },
  },
  uuidv5: { min: 2, max: 2, call: ([namespace, name]) => uuidV5(str(namespace!), str(name!)) },
  rsadecrypt: { min: 2, max: 2, call: ([cipher, key]) => rsaDecrypt(str(cipher!), str(key!)) },
  bcrypt: {
    min: 1,
    max: 2,
    call: () =>
      new Unknown('unsupported', [], 'bcrypt hashes with a random salt: known only when Terraform runs'),
  },
  issensitive: {
    min: 1,
    max: 1,
    call: () => new Unknown('unsupported', [], 'iac-compare does not track which values are sensitive'),
  },
  ephemeralasnull: {
    min: 1,
    max: 1,
    // No value is ephemeral offline (ephemeral resources are not evaluated), so every value stays.
    unknownElements: true,
    call: ([value]) => value!,
  },
};
