import { defineModule } from '../../core/module.ts';
import { committeeTodoRoutes } from './committee-todo.routes.ts';
import { orgRoutes } from './orgs.routes.ts';
import { registerTodoJobs } from './todos.ts';

/**
 * Organizations: the tree (lazy, with member counts), details, move/merge/dissolve with history,
 * committees and 换届, the size-rule warnings of DOMAIN §1, and the to-do list fed by the daily
 * 失联 scan. Deciding a to-do changes a member's standing, so it needs the members module's
 * `member.write`.
 */
export const orgsModule = defineModule({
  name: 'orgs',
  permissions: {
    'org.read': {
      description: 'See organizations in scope',
      roles: ['county_admin', 'township_admin', 'branch_secretary', 'branch_committee', 'system_admin', 'security_admin', 'api_client'],
    },
    'org.write': { description: 'Create, edit, move, merge and dissolve organizations in scope; appoint committees', roles: ['county_admin', 'township_admin'] },
  },
  routes(app) {
    orgRoutes(app);
    committeeTodoRoutes(app);
  },
  jobs: registerTodoJobs,
});
