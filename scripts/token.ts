// `npm run token -- <email>`: a bearer token for local use, signed with JWT_SECRET.
import jwt from 'jsonwebtoken';
import { configFromProcessEnv } from '#libs/config';

const subject = process.argv[2];
if (!subject) {
  console.error('Usage: npm run token -- <employee email or id>');
  process.exit(2);
}
const config = configFromProcessEnv();
console.log(jwt.sign({ sub: subject }, config.JWT_SECRET, { algorithm: 'HS256', expiresIn: '12h' }));
