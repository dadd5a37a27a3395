'use strict';

const fs = require('fs');
const path = require('path');
const { pipeline } = require('stream/promises');
const yauzl = require('yauzl');
const yazl = require('yazl');

const DEFAULT_FILE_MODE = 0o100644;

/**
 * Writes a copy of the zip or jar at `source` to `target` with one more root entry, `entryName`, holding
 * `content`. An entry of that name already in the source is replaced in place; every other entry keeps its
 * order, name, time, permissions and compression method (deflated entries are re-deflated, stored ones stay
 * stored, so a jar's manifest stays first and nested jars stay uncompressed). The source is never modified.
 * The copy is written to a temporary file beside `target` and renamed, so `target` is never half written.
 */
async function copyWithEntry(source, target, entryName, content) {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  let zipIn;
  try {
    zipIn = await yauzl.openPromise(source, { lazyEntries: true, autoClose: false });
  } catch (error) {
    throw new Error(`${source} is not a readable zip or jar file: ${error.message}`);
  }
  try {
    const entries = [];
    for await (const entry of zipIn.eachEntry()) {
      entries.push(entry);
    }
    const zipOut = new yazl.ZipFile();
    const written = pipeline(zipOut.outputStream, fs.createWriteStream(temporary));
    written.catch(() => {}); // observed through the race below
    // yazl reports a failed entry (and copyEntry a failed read) on the ZipFile, not on its output stream.
    const failed = new Promise((resolve, reject) => {
      zipOut.once('error', (error) => {
        zipOut.outputStream.destroy(error);
        reject(error);
      });
    });
    let replaced = false;
    for (const entry of entries) {
      if (entry.fileName === entryName) {
        zipOut.addBuffer(content, entryName, { mtime: new Date(), mode: DEFAULT_FILE_MODE });
        replaced = true;
      } else {
        copyEntry(zipIn, entry, zipOut);
      }
    }
    if (!replaced) {
      zipOut.addBuffer(content, entryName, { mtime: new Date(), mode: DEFAULT_FILE_MODE });
    }
    zipOut.end();
    await Promise.race([written, failed]);
    await fs.promises.rename(temporary, target);
    return { replaced, entries: entries.length + (replaced ? 0 : 1) };
  } catch (error) {
    await fs.promises.rm(temporary, { force: true });
    throw error;
  } finally {
    zipIn.close();
  }
}

function copyEntry(zipIn, entry, zipOut) {
  const unixMode = entry.externalFileAttributes >>> 16;
  const mtime = entry.getLastModDate();
  if (entry.fileName.endsWith('/')) {
    zipOut.addEmptyDirectory(entry.fileName, { mtime, ...(unixMode ? { mode: unixMode } : {}) });
    return;
  }
  if (entry.isEncrypted()) {
    throw new Error(`the entry ${entry.fileName} is encrypted; an encrypted archive cannot be copied`);
  }
  zipOut.addReadStreamLazy(
    entry.fileName,
    {
      mtime,
      mode: unixMode || DEFAULT_FILE_MODE,
      compress: entry.compressionMethod !== 0,
      size: entry.uncompressedSize,
    },
    (callback) =>
      zipIn.openReadStream(entry, (error, stream) => {
        if (error) return callback(error);
        stream.on('error', (streamError) => zipOut.emit('error', new Error(`cannot read ${entry.fileName}: ${streamError.message}`)));
        return callback(null, stream);
      }),
  );
}

/** The content of one entry of a zip or jar, or null when there is no such entry. */
async function readEntry(file, entryName) {
  const zipIn = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  try {
    for await (const entry of zipIn.eachEntry()) {
      if (entry.fileName === entryName) {
        const stream = await zipIn.openReadStreamPromise(entry);
        const chunks = [];
        for await (const chunk of stream) chunks.push(chunk);
        return Buffer.concat(chunks);
      }
    }
    return null;
  } finally {
    zipIn.close();
  }
}

/** The names of the entries of a zip or jar, in order. */
async function entryNames(file) {
  const zipIn = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  try {
    const names = [];
    for await (const entry of zipIn.eachEntry()) names.push(entry.fileName);
    return names;
  } finally {
    zipIn.close();
  }
}

module.exports = { copyWithEntry, readEntry, entryNames };
