/** Made-up people for the playground's fake Teams: nobody here is real. */
const people = [
  'Sandbox Practitioner',
  'Sandbox Colleague One',
  'Sandbox Colleague Two',
  'Sandbox Colleague Three',
  'Sandbox Manager',
  'Sandbox Social Worker',
] as const;

function aUser(name: string, index: number) {
  const [givenName = name, ...rest] = name.split(' ');
  const handle = rest.join('.').toLowerCase() || 'user';
  return {
    id: `sandbox-user-${index}`,
    name,
    userPrincipleName: `${handle}@sandbox.example.invalid`,
    aadObjectId: `d4e0c0ac-0000-4000-8000-${String(100 + index).padStart(12, '0')}`,
    givenName,
    surname: rest.join(' '),
    email: `${handle}@sandbox.example.invalid`,
  };
}

/** The playground's own user (the first of `people`): the sandbox council's team manager. */
export const sandboxManagerObjectId = aUser(people[0], 0).aadObjectId;

/**
 * The playground's context file (`.m365agentsplayground.yml`, schema version 0.1.1): who the
 * current user is and which tenant every activity carries. Written as JSON, which YAML reads.
 * The schema requires exactly five other users, a group chat and a team with at most one channel.
 */
export function playgroundContextFile(tenantId: string): string {
  const [me, ...others] = people.map(aUser);
  const context = {
    version: '0.1.1',
    tenantId,
    bot: { id: 'sandbox-bot', name: 'DARE Coach' },
    currentUser: me,
    users: others,
    personalChat: { id: 'sandbox-personal-chat' },
    groupChat: { id: 'sandbox-group-chat', name: 'Sandbox group chat' },
    team: {
      id: 'sandbox-team',
      name: 'Sandbox team',
      aadGroupId: 'd4e0c0ac-0000-4000-8000-000000000200',
      channels: [{ id: 'sandbox-channel', name: 'Referrals' }],
    },
  };
  return `${JSON.stringify(context, null, 2)}\n`;
}
