/** 文书核验: the public page a verifiable document's QR opens (docs/verifiable-documents.md). */
import { verifyAudit } from '../../../shared/verify/audit-actions';
import { lazyPage, type WebModule } from '../../app/module';

export const verifyModule: WebModule = {
  name: 'verify',
  pages: [
    { path: '/verify', page: lazyPage(() => import('./VerifyPage'), 'VerifyPage'), permission: null, shell: 'public' },
    { path: '/verify/:code', page: lazyPage(() => import('./VerifyPage'), 'VerifyPage'), permission: null, shell: 'public' },
  ],
  auditLabels: verifyAudit,
};
