/**
 * The QR a document carries (docs/verifiable-documents.md "The code"): its verification address, as a
 * module matrix the PDF layer draws as squares (vector, sharp at any print resolution). Level M
 * (15 % of the symbol may be lost: a fold, a stamp over its corner).
 */
import QRCode from 'qrcode';

export interface QrMatrix {
  /** Modules per side. */
  size: number;
  /** Row-major, true = dark. */
  dark: boolean[];
  version: number;
}

export function qrMatrix(text: string): QrMatrix {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const { size, data } = qr.modules;
  return { size, dark: Array.from(data, (m) => m !== 0), version: qr.version };
}
