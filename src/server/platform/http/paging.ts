/** The paging contract lives in src/shared/paging.ts (the web reads the same page); kept here for the server's imports. */
export { okAnswer, pageInput, pageSchema, type Page } from '../../../shared/paging.js';
