import PostalMime from 'postal-mime';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it, parsed. */
export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  language: string | null;
  /** The message as the server received it (after the SMTP transparency dots are taken out). */
  raw: Buffer;
}

/**
 * A real SMTP server in the test process (the `smtp-server` package), for the
 * API to deliver to over TCP. It can go down (connections refused) and come
 * back on the same port, and refuse chosen recipients for good (550).
 */
export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  private server: SMTPServer | null = null;
  port = 0;

  constructor(private readonly refuse: (address: string) => boolean = () => false) {}

  static async start(refuse?: (address: string) => boolean): Promise<SmtpSink> {
    const sink = new SmtpSink(refuse);
    await sink.up();
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Listens (again, on the same port once it had one). */
  async up(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 50,
      onRcptTo: (address, _session, callback) => {
        if (this.refuse(address.address)) {
          const error = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
          return callback(error);
        }
        callback();
      },
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          void PostalMime.parse(raw).then(
            (email) => {
              this.messages.push({
                to: (email.to ?? []).map((a) => ('address' in a ? (a.address ?? '') : '')),
                from: email.from && 'address' in email.from ? (email.from.address ?? '') : '',
                subject: email.subject ?? '',
                text: email.text ?? '',
                html: email.html ?? '',
                messageId: email.messageId ?? '',
                language: email.headers.find((h) => h.key === 'content-language')?.value ?? null,
                raw,
              });
              callback();
            },
            (error: Error) => callback(error),
          );
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening and drops open connections: the API's next attempt is refused. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.to.includes(address));
  }
}
