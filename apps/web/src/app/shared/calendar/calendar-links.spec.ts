import { subscribeLinks } from './calendar-links';

const FEED = {
  url: 'https://skillbridge.example/api/v1/calendar/0f8e6c1a-2b3c-4d5e-8f90-a1b2c3d4e5f6.k3J_q9-x.ics',
  webcalUrl: 'webcal://skillbridge.example/api/v1/calendar/0f8e6c1a-2b3c-4d5e-8f90-a1b2c3d4e5f6.k3J_q9-x.ics',
};

describe('subscribeLinks', () => {
  it('opens Google Calendar’s subscription with the webcal address, encoded', () => {
    const google = subscribeLinks(FEED, 'Skillbridge').google;
    expect(google).toBe(
      'https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2Fskillbridge.example%2Fapi%2Fv1%2Fcalendar%2F' +
        '0f8e6c1a-2b3c-4d5e-8f90-a1b2c3d4e5f6.k3J_q9-x.ics',
    );
    expect(new URL(google).searchParams.get('cid')).toBe(FEED.webcalUrl);
  });

  it('fills in Outlook’s "add from web" form with the https address and the calendar’s name', () => {
    const outlook = new URL(subscribeLinks(FEED, 'Skillbridge：我的课次').outlook);
    expect(`${outlook.origin}${outlook.pathname}`).toBe('https://outlook.live.com/calendar/0/addfromweb');
    expect(Object.fromEntries(outlook.searchParams)).toEqual({ url: FEED.url, name: 'Skillbridge：我的课次' });
  });

  it('hands the webcal address to every other app', () => {
    expect(subscribeLinks(FEED, 'x').webcal).toBe(FEED.webcalUrl);
  });
});
