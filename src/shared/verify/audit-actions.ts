/**
 * Verifiable documents' audit actions (src/server/platform/verify, docs/verifiable-documents.md),
 * in a group of their own.
 */
import { moduleAuditLabels } from '../audit/labels.js';

export const verifyAudit = moduleAuditLabels(
  { documents: '文书核验' },
  {
    documents: {
      'document.issue': '签发可核验文书',
      'document.revoke': '撤销已签发的文书',
    },
  },
);
