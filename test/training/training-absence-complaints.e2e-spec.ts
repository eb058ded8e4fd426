import { ManualClock } from '#libs/time';
import { addEmployees } from '../support/approval-helpers.js';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 10, item 11, for complaints: a customer-service employee in a full-day session is absent
 * for its hours (libs/org's absences), so a complaint recorded meanwhile goes to a colleague who
 * is present, exactly as with a manual absence; before and after the session they take complaints
 * again. The two colleagues have equal loads, and a tie goes to the earlier email (cs-a), so only
 * the absence can send the complaint during the session to cs-b.
 */
const T0 = new Date('2027-05-10T00:50:00Z'); // Monday 08:50 in Shanghai
const DAY_START = '2027-05-10T01:00:00Z'; // 09:00 to 17:00 in Shanghai: a full working day
const DAY_END = '2027-05-10T09:00:00Z';
const TRAINER = 'complaints-coach@salesflow.test';
const CS_IN_TRAINING = 'cs-a@salesflow.test';
const CS_PRESENT = 'cs-b@salesflow.test';

describe('training: a complaint passes over someone in training', () => {
  const clock = new ManualClock(T0);
  const system = useTestSystem({
    clock,
    async setUp() {
      await seedOrg(system);
      const cs = { role: 'CUSTOMER_SERVICE', managerEmail: ORG.manager, team: 'Service', region: 'Hangzhou' };
      await addEmployees(system, [
        { email: TRAINER, name: 'Cleo Coach', role: 'SALES_MANAGER' },
        { email: CS_IN_TRAINING, name: 'Ann Service', ...cs },
        { email: CS_PRESENT, name: 'Bo Service', ...cs },
      ]);
    },
  });

  let customerId: string;
  let sequence = 0;
  async function assigneeOfNewComplaint(): Promise<string> {
    const created = await system.as(ORG.rep).post('/complaints').send({ customerId, severity: 'low', channel: 'phone', description: `Complaint ${++sequence}` }).expect(201);
    // Resolved at once, so every complaint finds both colleagues with the same load.
    await system.as(created.body.assignee.email).post(`/complaints/${created.body.id}/resolve`).send({ resolution: 'Answered on the phone.' }).expect(200);
    return created.body.assignee.email;
  }

  it('sends the complaint to the colleague who is present while the session lasts, and back after it', async () => {
    const owner = await system.prisma.employee.findUniqueOrThrow({ where: { email: ORG.rep } });
    customerId = (await system.prisma.customer.create({
      data: { code: 'HZ-1', name: 'Hangzhou Co', ownerId: owner.id, tier: 'B', status: 'active', region: 'Hangzhou', contacts: [], createdAt: T0 },
    })).id;
    const courseId = (await system.as(ORG.hr).post('/courses').send({
      code: 'CS-101', titleZh: '客户服务', titleEn: 'Customer service', category: 'customer_relationship', levels: ['CUSTOMER_SERVICE'], durationMinutes: 480, mandatory: false,
    }).expect(201)).body.id;
    const session = await system.as(ORG.hr).post('/sessions').send({ courseId, startsAt: DAY_START, endsAt: DAY_END, timezone: 'Asia/Shanghai', place: 'Room 5', trainer: TRAINER, capacity: 5 }).expect(201);
    await system.as(ORG.hr).post(`/sessions/${session.body.id}/enrollments`).send({ employeeEmail: CS_IN_TRAINING }).expect(201);

    expect(await assigneeOfNewComplaint()).toBe(CS_IN_TRAINING); // 08:50: not yet in training
    clock.set(new Date('2027-05-10T03:00:00Z')); // 11:00: in the session
    expect(await assigneeOfNewComplaint()).toBe(CS_PRESENT);
    clock.set(new Date('2027-05-10T09:30:00Z')); // 17:30: the session is over
    expect(await assigneeOfNewComplaint()).toBe(CS_IN_TRAINING);
  });
});
