// The declarations must reach every program that compiles this file (API, web app, e2e), whatever it includes.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./digitalbazaar.d.ts" />
import { BitstringStatusList, decodeList } from '@digitalbazaar/vc-bitstring-status-list';

/**
 * `encodedList` of a BitstringStatusList: the multibase base64url ("u") of
 * the GZIP-compressed bits, index 0 the most significant bit of the first
 * byte (W3C Bitstring Status List v1.0) — by the library verifiers use.
 */
export function encodeStatusList(bits: Uint8Array): Promise<string> {
  return new BitstringStatusList({ buffer: bits }).encode();
}

/** Whether bit `index` of an `encodedList` is set. */
export async function statusBit(encodedList: string, index: number): Promise<boolean> {
  return (await decodeList({ encodedList })).getStatus(index);
}
