/** Background jobs: the routes that show a job's progress (the kinds are the modules' own). */
import { defineModule } from '../module.js';
import { jobRoutes } from './routes.js';

export const jobsModule = defineModule({ name: 'jobs', routes: jobRoutes });
