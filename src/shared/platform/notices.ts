/**
 * The public 公示 page (GET /api/public/notices, no login): the contract both sides hold. Every
 * module's running notices of a township or village; what each shows beside these fields is the
 * module's own (already masked when the notice started: platform/notices/board.ts).
 */
import { z } from 'zod';

export const publicNoticeInput = z.object({ divisionCode: z.string().regex(/^\d{9}(\d{3})?$/, '请选择乡镇（街道）或村（社区）') });

export const publicNotice = z
  .object({
    /** What is announced (拟批准救助, 拟终止供养 …). */
    matter: z.string(),
    /** The notice's last day, YYYY-MM-DD. */
    noticeEnds: z.string(),
    divisionName: z.string().nullable(),
  })
  .catchall(z.union([z.string(), z.number(), z.null()]));
export type PublicNotice = z.infer<typeof publicNotice>;
export const publicNoticesAnswer = z.array(publicNotice);
