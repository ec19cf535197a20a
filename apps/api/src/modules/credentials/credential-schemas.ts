import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/*
 * OpenAPI schemas of the JSON-LD documents this API signs and publishes. They name the members a verifier
 * relies on; the documents themselves are defined by W3C VC 2.0, Open Badges 3.0 and the Data Integrity specs,
 * and JSON-LD lets them carry more (additionalProperties stays open).
 */

const contexts: SchemaObject = {
  type: 'array',
  minItems: 1,
  items: {
    oneOf: [
      { type: 'string', format: 'uri' },
      { type: 'object', additionalProperties: true },
    ],
  },
};
const types = (...required: string[]): SchemaObject => ({
  type: 'array',
  items: { type: 'string' },
  ...(required.length ? { example: required } : {}),
});

const proof: SchemaObject = {
  type: 'object',
  additionalProperties: true,
  required: ['type', 'cryptosuite', 'verificationMethod', 'proofPurpose', 'proofValue'],
  properties: {
    type: { type: 'string', enum: ['DataIntegrityProof'] },
    cryptosuite: { type: 'string', enum: ['eddsa-rdfc-2022'] },
    created: { type: 'string', format: 'date-time' },
    verificationMethod: { type: 'string', format: 'uri', description: 'A key of the issuer document' },
    proofPurpose: { type: 'string', enum: ['assertionMethod'] },
    proofValue: { type: 'string' },
  },
};

/** An Open Badges 3.0 OpenBadgeCredential (W3C VC 2.0) with one eddsa-rdfc-2022 proof. */
export const OPEN_BADGE_CREDENTIAL_SCHEMA: SchemaObject = {
  type: 'object',
  additionalProperties: true,
  required: ['@context', 'id', 'type', 'issuer', 'validFrom', 'credentialSubject', 'credentialStatus', 'proof'],
  properties: {
    '@context': contexts,
    id: { type: 'string', format: 'uri' },
    type: types('VerifiableCredential', 'OpenBadgeCredential'),
    name: { type: 'string' },
    issuer: {
      type: 'object',
      additionalProperties: true,
      required: ['id', 'type'],
      properties: { id: { type: 'string', format: 'uri' }, type: types('Profile'), name: { type: 'string' } },
    },
    validFrom: { type: 'string', format: 'date-time' },
    validUntil: { type: 'string', format: 'date-time' },
    credentialSubject: {
      type: 'object',
      additionalProperties: true,
      required: ['type', 'identifier', 'achievement'],
      properties: {
        type: types('AchievementSubject'),
        identifier: {
          type: 'array',
          description: 'A salted SHA-256 of the holder’s e-mail, and the holder’s names',
          items: { type: 'object', additionalProperties: true },
        },
        achievement: {
          type: 'object',
          additionalProperties: true,
          required: ['id', 'type', 'name', 'criteria'],
          properties: {
            id: { type: 'string', format: 'uri' },
            type: types('Achievement'),
            name: { type: 'string' },
            description: { type: 'string' },
            criteria: { type: 'object', additionalProperties: true, properties: { narrative: { type: 'string' } } },
          },
        },
      },
    },
    credentialStatus: {
      type: 'object',
      additionalProperties: true,
      required: ['id', 'type', 'statusPurpose', 'statusListIndex', 'statusListCredential'],
      properties: {
        id: { type: 'string', format: 'uri' },
        type: { type: 'string', enum: ['BitstringStatusListEntry'] },
        statusPurpose: { type: 'string', enum: ['revocation'] },
        statusListIndex: { type: 'string', pattern: '^[0-9]+$' },
        statusListCredential: { type: 'string', format: 'uri' },
      },
    },
    proof,
  },
};

/** The issuer: its Open Badges Profile and the controller document of its keys, current and retired. */
export const ISSUER_DOCUMENT_SCHEMA: SchemaObject = {
  type: 'object',
  additionalProperties: true,
  required: ['@context', 'id', 'type', 'name', 'verificationMethod', 'assertionMethod'],
  properties: {
    '@context': contexts,
    id: { type: 'string', format: 'uri' },
    type: types('Profile'),
    name: { type: 'string' },
    verificationMethod: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: true,
        required: ['id', 'type', 'controller', 'publicKeyMultibase'],
        properties: {
          id: { type: 'string', format: 'uri' },
          type: { type: 'string', enum: ['Multikey'] },
          controller: { type: 'string', format: 'uri' },
          publicKeyMultibase: { type: 'string', pattern: '^z' },
        },
      },
    },
    assertionMethod: { type: 'array', items: { type: 'string', format: 'uri' } },
  },
};

/** A signed BitstringStatusListCredential (revocation). */
export const STATUS_LIST_CREDENTIAL_SCHEMA: SchemaObject = {
  type: 'object',
  additionalProperties: true,
  required: ['@context', 'id', 'type', 'issuer', 'validFrom', 'credentialSubject', 'proof'],
  properties: {
    '@context': contexts,
    id: { type: 'string', format: 'uri' },
    type: types('VerifiableCredential', 'BitstringStatusListCredential'),
    issuer: { type: 'string', format: 'uri' },
    validFrom: { type: 'string', format: 'date-time' },
    credentialSubject: {
      type: 'object',
      additionalProperties: true,
      required: ['id', 'type', 'statusPurpose', 'encodedList'],
      properties: {
        id: { type: 'string', format: 'uri' },
        type: { type: 'string', enum: ['BitstringStatusList'] },
        statusPurpose: { type: 'string', enum: ['revocation'] },
        encodedList: { type: 'string', description: 'Multibase (base64url, `u`) of the GZIP-compressed bitstring' },
      },
    },
    proof,
  },
};
