// Validation messages in Chinese, on the server and in the browser alike.
import { z } from 'zod';

z.config(z.locales.zhCN());
