// The collection format's one parser and writer (src/collection/), shared by `auditnotify run` and the
// inspector: property tests of parse ∘ serialize, of arbitrary input, and of each bad field's typed error.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CollectionError,
  parseCollectionManifest,
  parseSavedRequest,
  readCollection,
  removeRequest,
  requestFileName,
  saveRequest,
  serializeSavedRequest,
  type SavedRequest,
} from '../src/collection/index.js';
import { tempDir } from './helpers/cli.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

const word = fc.stringMatching(/^[A-Za-z0-9_]{1,20}$/);
// As JSON text can carry them: fast-check's jsonValue includes -0, which JSON writes as 0.
const jsonValue = fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.parse(JSON.stringify(value)) as fc.JsonValue);
const requestArb: fc.Arbitrary<SavedRequest> = fc.record(
  {
    // eslint-disable-next-line no-control-regex -- names refuse control characters
    name: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !/[\u0000-\u001f\u007f]/.test(s)),
    body: fc.oneof(
      fc.record({ notification: fc.dictionary(fc.string({ maxLength: 10 }), jsonValue, { maxKeys: 5 }) }),
      fc.record({ raw: fc.string({ maxLength: 200, unit: 'binary' }) }),
    ),
    method: fc.stringMatching(/^[A-Z]{1,8}$/),
    path: fc.stringMatching(/^\/[a-z0-9/?=&._-]{0,40}$/),
    timestampUnit: fc.constantFrom('seconds' as const, 'milliseconds' as const),
    key: word,
    profile: fc.constantFrom('Local', 'Sandbox', 'Production'),
    expect: fc.record(
      { status: fc.integer({ min: 100, max: 599 }), code: word, reason: word, answerVerified: fc.boolean() },
      { requiredKeys: ['status', 'answerVerified'] },
    ),
  },
  { requiredKeys: ['name', 'body', 'expect'] },
);

describe('parseSavedRequest ∘ serializeSavedRequest', () => {
  it('gives back every request it wrote, and writing again gives the same bytes', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const text = serializeSavedRequest(request);
        const parsed = parseSavedRequest(text, 'x.request.json');
        expect(parsed).toEqual(request);
        expect(serializeSavedRequest(parsed)).toBe(text);
      }),
    );
  });

  it('writes sorted keys, two-space indents and one final newline (diff-friendly)', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const text = serializeSavedRequest(request);
        expect(text.endsWith('}\n')).toBe(true);
        const keys = Object.keys(JSON.parse(text) as object);
        expect(keys).toEqual([...keys].sort());
        expect(text.split('\n')[1]).toMatch(/^ {2}"/);
      }),
    );
  });
});

describe('bad input is a typed error', () => {
  it('answers any text with a request or a CollectionError, never another exception', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), jsonValue.map((v) => JSON.stringify(v))), (text) => {
        try {
          parseSavedRequest(text, 'x.request.json');
        } catch (error) {
          expect(error).toBeInstanceOf(CollectionError);
          expect((error as CollectionError).code).toBe('COLLECTION_INVALID');
          expect((error as CollectionError).detail.file).toBe('x.request.json');
        }
      }),
    );
  });

  const base = { format: 'auditnotify-request/1', name: 'n', body: { raw: '' }, expect: { status: 200 } };
  const breakages: [string, Record<string, unknown>][] = [
    ['format', { ...base, format: 'auditnotify-request/2' }],
    ['name', { ...base, name: '' }],
    ['name', { ...base, name: 'a\nb' }],
    ['body', { ...base, body: { raw: 'a', notification: {} } }],
    ['body.notification', { ...base, body: { notification: [] } }],
    ['body.raw', { ...base, body: { raw: 1 } }],
    ['body.extra', { ...base, body: { raw: '', extra: 1 } }],
    ['method', { ...base, method: 'post' }],
    ['path', { ...base, path: 'v3/no-slash' }],
    ['path', { ...base, path: '/with space' }],
    ['timestampUnit', { ...base, timestampUnit: 'ms' }],
    ['expect', { ...base, expect: undefined }],
    ['expect.status', { ...base, expect: { status: 99 } }],
    ['expect.status', { ...base, expect: { status: 200.5 } }],
    ['expect.code', { ...base, expect: { status: 401, code: 'SIGN ERROR' } }],
    ['expect.answerVerified', { ...base, expect: { status: 200, answerVerified: 'yes' } }],
    ['expect.stauts', { ...base, expect: { status: 200, stauts: 200 } }],
    ['nmae', { ...base, nmae: 'typo' }],
  ];
  it.each(breakages)('names the field %s', (field, value) => {
    let thrown: unknown;
    try {
      parseSavedRequest(JSON.stringify(value), 'case.request.json');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CollectionError);
    expect((thrown as CollectionError).detail).toMatchObject({ file: 'case.request.json', field });
    expect((thrown as CollectionError).message).toMatch(new RegExp(`^case\\.request\\.json: ${field.replace('.', '\\.')}: `));
  });

  it('refuses a manifest of another format or with a URL that is not http(s)', () => {
    expect(() => parseCollectionManifest('{"format":"auditnotify-collection/1","name":"a","url":"ftp://x"}', 'collection.json')).toThrow(/url: must be/);
    expect(() => parseCollectionManifest('[]', 'collection.json')).toThrow(CollectionError);
    expect(parseCollectionManifest('{"format":"auditnotify-collection/1","name":"Local"}', 'collection.json')).toEqual({ format: 'auditnotify-collection/1', name: 'Local' });
  });
});

describe('the folder', () => {
  const request: SavedRequest = { name: 'Accepted PASS', body: { notification: { out_request_no: 'R1' } }, expect: { status: 200, answerVerified: true } };

  it('file names are the request name in lower-case words, always a valid request file name', () => {
    expect(requestFileName('Wrong key → 401')).toBe('wrong-key-401.request.json');
    expect(requestFileName('签名')).toBe('request.request.json');
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (name) => {
        expect(requestFileName(name)).toMatch(/^[a-z0-9][a-z0-9-]{0,59}\.request\.json$/);
      }),
    );
  });

  it('saves each request to its own file, numbers a second one of the same name, lists them in file order', () => {
    const dir = join(tmp.dir, 'cases');
    expect(saveRequest(dir, request)).toBe('accepted-pass.request.json');
    expect(saveRequest(dir, { ...request, expect: { status: 401, answerVerified: true } })).toBe('accepted-pass-2.request.json');
    writeFileSync(join(dir, 'README.md'), 'not a request\n');
    const collection = readCollection(dir);
    expect(collection.manifest.name).toBe('cases');
    expect(collection.entries.map((e) => e.file)).toEqual(['accepted-pass-2.request.json', 'accepted-pass.request.json']);
    expect(readFileSync(join(dir, 'accepted-pass.request.json'), 'utf8')).toBe(serializeSavedRequest(request));
    expect(removeRequest(dir, 'accepted-pass-2.request.json')).toBe(true);
    expect(removeRequest(dir, 'accepted-pass-2.request.json')).toBe(false);
  });

  it('never reaches outside the folder and names a missing manifest or a bad file', () => {
    const dir = join(tmp.dir, 'guarded');
    expect(() => removeRequest(dir, '../keys.json')).toThrow(expect.objectContaining({ code: 'COLLECTION_INVALID' }));
    expect(() => saveRequest(dir, request, '../x.request.json')).toThrow(expect.objectContaining({ code: 'COLLECTION_INVALID' }));
    mkdirSync(join(tmp.dir, 'empty'));
    expect(() => readCollection(join(tmp.dir, 'empty'))).toThrow(expect.objectContaining({ code: 'COLLECTION_UNREADABLE', detail: expect.objectContaining({ file: 'collection.json' }) }));
    expect(() => readCollection(join(tmp.dir, 'missing'))).toThrow(expect.objectContaining({ code: 'COLLECTION_UNREADABLE' }));
    saveRequest(dir, request);
    writeFileSync(join(dir, 'broken.request.json'), '{"format":"auditnotify-request/1",');
    expect(() => readCollection(dir)).toThrow(expect.objectContaining({ code: 'COLLECTION_INVALID', detail: { file: 'broken.request.json' } }));
  });
});
