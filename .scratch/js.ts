import { z } from 'zod';
import { referralSchema } from '../src/referrals/referral';
const s = z.toJSONSchema(referralSchema, { io: 'output', unrepresentable: 'any' });
console.log(JSON.stringify(s).slice(0, 3000));
