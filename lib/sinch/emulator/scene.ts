/**
 * The sandbox scene: a few believable conferences already in progress, so that
 * someone opening Gavel without Sinch credentials sees a console with life in
 * it (durations running, people muted, one on hold), and every 10 to 20 s
 * someone joins or leaves. Never used by tests that assert on rooms: the churn
 * is random by design.
 *
 * The numbers are in ranges reserved for fiction, all valid for libphonenumber:
 * US 555-01xx (NANPA), London 020 7946 0xxx (Ofcom), Swedish 070-174 06 05..99
 * (PTS), Australian 0491 570 006..159 (ACMA), Berlin 030 23125 xxx
 * (Bundesnetzagentur) and French 01 99 00 xx xx (ARCEP).
 */
import type { MohClass } from "../schemas";
import type { EmulatorState, ParticipantSpec } from "./state";

export interface Person {
  name: string;
  team: string;
  cli: string;
}

export const SCENE_PEOPLE: readonly Person[] = [
  { name: "Priya Raman", team: "Engineering", cli: "+12025550143" },
  { name: "Marcus Webb", team: "Engineering", cli: "+12125550188" },
  { name: "Sofia Lindqvist", team: "Product", cli: "+46701740605" },
  { name: "Erik Johansson", team: "Engineering", cli: "+46701740642" },
  { name: "Hannah Becker", team: "Design", cli: "+493023125001" },
  { name: "Lukas Schmidt", team: "Engineering", cli: "+493023125444" },
  { name: "Chloé Martin", team: "Marketing", cli: "+33199001234" },
  { name: "Julien Moreau", team: "Sales", cli: "+33199004567" },
  { name: "Olivia Harris", team: "Support", cli: "+442079460123" },
  { name: "James Turner", team: "Support", cli: "+442079460958" },
  { name: "Mia Nguyen", team: "Support", cli: "+61491570156" },
  { name: "Jack O'Brien", team: "Support", cli: "+61491570006" },
  { name: "Daniel Okafor", team: "Finance", cli: "+13125550102" },
  { name: "Grace Kim", team: "Legal", cli: "+14155550132" },
  { name: "Amelia Clarke", team: "Board", cli: "+442079460311" },
  { name: "Robert Hale", team: "Board", cli: "+12025550177" },
  { name: "Ingrid Nilsson", team: "Board", cli: "+46701740699" },
  { name: "Noah Williams", team: "Engineering", cli: "+61491570110" },
  { name: "Lena Vogel", team: "Product", cli: "+493023125872" },
  { name: "Thomas Dubois", team: "Support", cli: "+33199007788" },
  { name: "Ava Thompson", team: "Product", cli: "+14155550119" },
  { name: "Oscar Berg", team: "Support", cli: "+46701740618" },
];

interface SceneRoom {
  conferenceId: string;
  /** Bounds the churn keeps the room within; the scene never empties a room. */
  min: number;
  max: number;
  seed: Array<{ cli: string; minutesAgo: number; muted?: boolean; onhold?: MohClass }>;
}

const ROOMS: readonly SceneRoom[] = [
  {
    conferenceId: "weekly-sync",
    min: 5,
    max: 12,
    seed: [
      { cli: "+12025550143", minutesAgo: 42 },
      { cli: "+12125550188", minutesAgo: 41, muted: true },
      { cli: "+46701740605", minutesAgo: 40 },
      { cli: "+46701740642", minutesAgo: 38, muted: true },
      { cli: "+493023125001", minutesAgo: 35 },
      { cli: "+493023125444", minutesAgo: 27 },
      { cli: "+33199001234", minutesAgo: 12, muted: true },
      { cli: "+61491570110", minutesAgo: 3 },
    ],
  },
  {
    conferenceId: "support-standup",
    min: 2,
    max: 7,
    seed: [
      { cli: "+442079460123", minutesAgo: 9 },
      { cli: "+442079460958", minutesAgo: 8, onhold: "music1" },
      { cli: "+61491570156", minutesAgo: 8, muted: true },
      { cli: "+61491570006", minutesAgo: 5 },
    ],
  },
  {
    conferenceId: "board-briefing",
    min: 2,
    max: 5,
    seed: [
      { cli: "+442079460311", minutesAgo: 6 },
      { cli: "+12025550177", minutesAgo: 5 },
      { cli: "+46701740699", minutesAgo: 2 },
    ],
  },
];

export const SCENE_CONFERENCES: readonly string[] = ROOMS.map((r) => r.conferenceId);

const MIN_TICK_MS = 10_000;
const MAX_TICK_MS = 20_000;

function label(person: Person): string {
  return `${person.name} (${person.team})`;
}

export class Scene {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly state: EmulatorState,
    private readonly log: (line: string) => void = () => {},
    private readonly random: () => number = Math.random,
  ) {}

  get running(): boolean {
    return this.timer !== undefined;
  }

  /** Seeds (or re-seeds) the scene's rooms and starts the churn. */
  start(): void {
    this.stop();
    this.seed();
    this.schedule();
    this.log(`scene: seeded ${SCENE_CONFERENCES.join(", ")}`);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Puts the scene's rooms in their opening state (replacing whatever is there). */
  seed(): void {
    for (const room of ROOMS) {
      const specs: ParticipantSpec[] = room.seed.map((s) => {
        const person = SCENE_PEOPLE.find((p) => p.cli === s.cli);
        return {
          cli: s.cli,
          custom: person ? label(person) : null,
          muted: s.muted ?? false,
          onhold: s.onhold !== undefined,
          moh: s.onhold ?? null,
          // A few seconds of jitter, so not everyone shows a round number of minutes.
          durationSeconds: s.minutesAgo * 60 + Math.floor(this.random() * 50),
        };
      });
      this.state.putRoom(room.conferenceId, specs, "scene");
    }
  }

  /** One join or leave in one of the scene's rooms. */
  tick(): void {
    const room = ROOMS[Math.floor(this.random() * ROOMS.length)] ?? ROOMS[0];
    if (!room) return;
    const size = this.state.getRoomView(room.conferenceId)?.participants.length ?? 0;
    const wantsJoin = size <= room.min ? true : size >= room.max ? false : this.random() < 0.5;
    if (wantsJoin && this.join(room)) return;
    if (size > 1) this.leave(room);
  }

  private join(room: SceneRoom): boolean {
    const busy = new Set(this.state.listRooms().flatMap((r) => r.participants.map((p) => p.cli)));
    const free = SCENE_PEOPLE.filter((p) => !busy.has(p.cli));
    const person = free[Math.floor(this.random() * free.length)];
    if (!person) return false;
    this.state.addParticipant(
      room.conferenceId,
      { cli: person.cli, custom: label(person), muted: this.random() < 0.3 },
      "scene",
    );
    this.log(`scene: ${person.name} joined ${room.conferenceId}`);
    return true;
  }

  private leave(room: SceneRoom): void {
    const participants = this.state.getRoomView(room.conferenceId)?.participants ?? [];
    // Never the last one: the scene keeps every room alive (a person may still kick them all).
    if (participants.length <= 1) return;
    const leaving = participants[Math.floor(this.random() * participants.length)];
    if (!leaving) return;
    this.state.hangUpParticipant(room.conferenceId, leaving.callId);
    this.log(`scene: ${leaving.custom ?? leaving.cli} left ${room.conferenceId}`);
  }

  private schedule(): void {
    const delay = MIN_TICK_MS + Math.floor(this.random() * (MAX_TICK_MS - MIN_TICK_MS));
    this.timer = setTimeout(() => {
      try {
        this.tick();
      } catch (error) {
        this.log(`scene: ${error instanceof Error ? error.message : String(error)}`);
      }
      this.schedule();
    }, delay);
    this.timer.unref();
  }
}
