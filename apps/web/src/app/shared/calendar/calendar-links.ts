import type { CalendarFeed } from '@skillbridge/contracts';

/** Where each calendar app subscribes to an address: Google and Outlook through their web forms, the rest by webcal:. */
export interface SubscribeLinks {
  google: string;
  outlook: string;
  webcal: string;
}

/**
 * Links that open a subscription to the feed: Google Calendar's "add by URL"
 * (`cid` = the webcal address), Outlook on the web's "add from web" form (the
 * https address and the calendar's name), and the webcal: address itself,
 * which Apple Calendar, Thunderbird and most others open as a subscription.
 */
export function subscribeLinks(feed: CalendarFeed, name: string): SubscribeLinks {
  const outlook = new URL('https://outlook.live.com/calendar/0/addfromweb');
  outlook.searchParams.set('url', feed.url);
  outlook.searchParams.set('name', name);
  return {
    google: `https://calendar.google.com/calendar/r?cid=${encodeURIComponent(feed.webcalUrl)}`,
    outlook: outlook.toString(),
    webcal: feed.webcalUrl,
  };
}
