/**
 * `npm run keys:rotate-documents [-- --retire]`: adds a document signing key to
 * $JIMIN_DATA_DIR/document-keys.json and makes it active; the old keys stay to verify what they signed
 * (with --retire only their public halves). docs/verifiable-documents.md "Keys and rotation".
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { DOCUMENT_KEYS_FILE, DocumentKeys } from './keys.js';

const config = loadConfig();
if (process.env.JIMIN_DOCUMENT_KEYS?.trim()) {
  process.stdout.write(
    '文书签名密钥由环境变量 JIMIN_DOCUMENT_KEYS 提供：请在其中添加新密钥并设为 active（见 docs/verifiable-documents.md）。\n',
  );
  process.exit(1);
}
const path = join(resolve(config.JIMIN_DATA_DIR), DOCUMENT_KEYS_FILE);
if (!existsSync(path)) {
  process.stdout.write(`未找到 ${path}：平台首次启动时会生成它。\n`);
  process.exit(1);
}
const active = DocumentKeys.rotateFile(path, { retire: process.argv.includes('--retire') });
process.stdout.write(`已生成文书签名密钥 ${active} 并设为在用；旧密钥保留用于核验已签发的文书。请重启平台并重新备份 ${path}。\n`);
