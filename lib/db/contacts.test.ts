import { describe, expect, it } from "vitest";
import { engines, freshDbForSuite } from "../testing/db-engines";
import {
  contactsByNumber,
  createContact,
  deleteContact,
  foldForSearch,
  getContact,
  insertContacts,
  updateContact,
  type ContactInput,
} from "./contacts";
import { iterateContacts, listContacts } from "./contact-search";
import { DuplicateNumberError, NotFoundError } from "./errors";

const T0 = 1_767_225_600_000;
const person = (name: string, numbers: string[], organisation: string | null = null): ContactInput => ({
  name,
  numbers,
  organisation,
  notes: null,
});

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("contacts", () => {
    const fresh = freshDbForSuite(engine);

    it("creates, reads, updates and deletes a contact with its numbers in order", async () => {
      const c = await createContact(fresh.db, person("Ann Archer", ["+442079460001", "+12025550143"], "Acme"), T0);
      expect(await getContact(fresh.db, c.id)).toEqual({
        id: c.id,
        name: "Ann Archer",
        numbers: ["+442079460001", "+12025550143"],
        organisation: "Acme",
        notes: null,
        createdAt: T0,
        updatedAt: T0,
      });
      const u = await updateContact(
        fresh.db,
        c.id,
        { ...person("Ann B. Archer", ["+12025550143"]), notes: "chair" },
        T0 + 5,
      );
      expect(u).toMatchObject({ name: "Ann B. Archer", numbers: ["+12025550143"], createdAt: T0, updatedAt: T0 + 5 });
      // The number the update dropped is free again.
      const other = await createContact(fresh.db, person("Other", ["+442079460001"]));
      expect((await deleteContact(fresh.db, c.id)).name).toBe("Ann B. Archer");
      expect(await getContact(fresh.db, c.id)).toBeUndefined();
      await expect(deleteContact(fresh.db, c.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(updateContact(fresh.db, c.id, person("X", ["+12025550199"]))).rejects.toBeInstanceOf(NotFoundError);
      await deleteContact(fresh.db, other.id);
    });

    it("refuses a number another contact holds, naming the holder, and the index refuses it too", async () => {
      const a = await createContact(fresh.db, person("Bea Holder", ["+442079460002"]));
      const err = await createContact(fresh.db, person("Someone", ["+12025550150", "+442079460002"])).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DuplicateNumberError);
      expect((err as Error).message).toBe(
        "+442079460002 already belongs to Bea Holder: a number can be in the directory only once",
      );
      // Nothing of the refused contact was stored.
      expect((await listContacts(fresh.db, { words: ["someone"] })).total).toBe(0);
      const b = await createContact(fresh.db, person("Cy", ["+12025550151"]));
      await expect(updateContact(fresh.db, b.id, person("Cy", ["+442079460002"]))).rejects.toBeInstanceOf(
        DuplicateNumberError,
      );
      // Keeping one's own number is no conflict.
      await expect(
        updateContact(fresh.db, a.id, person("Bea Holder", ["+442079460002", "+12025550152"])),
      ).resolves.toBeTruthy();
      // Past the repository's check, the database's unique index still says no.
      await expect(
        fresh.db.kysely
          .insertInto("contact_numbers")
          .values({ number: "+442079460002", contact_id: b.id, position: 1 })
          .execute(),
      ).rejects.toThrow();
      await deleteContact(fresh.db, a.id);
      await deleteContact(fresh.db, b.id);
    });

    it("refuses numbers that are not E.164 and names that are not trimmed", async () => {
      await expect(createContact(fresh.db, person("Dee", ["020 7946 0003"]))).rejects.toThrow(/E\.164/);
      await expect(createContact(fresh.db, person(" Dee", ["+442079460003"]))).rejects.toThrow(/trimmed/);
      await expect(createContact(fresh.db, person("Dee", []))).rejects.toThrow(/count/);
    });

    it("imports many in one transaction: all or none", async () => {
      const many = Array.from({ length: 250 }, (_, i) =>
        person(`Import ${String(i).padStart(3, "0")}`, [`+1202555${String(1000 + i)}`], i % 2 ? "Odd Ltd" : "Even plc"),
      );
      expect(await insertContacts(fresh.db, many, T0)).toBe(250);
      expect((await listContacts(fresh.db, { words: ["import"] })).total).toBe(250);
      const clash = [person("New One", ["+12025559998"]), person("Clash", ["+12025551000"])];
      await expect(insertContacts(fresh.db, clash)).rejects.toThrow(/already belongs to Import 000/);
      const twice = [person("T1", ["+12025559997"]), person("T2", ["+12025559997"])];
      await expect(insertContacts(fresh.db, twice)).rejects.toBeInstanceOf(DuplicateNumberError);
      expect((await listContacts(fresh.db, { words: ["new", "one"] })).total).toBe(0);
      expect((await listContacts(fresh.db, { words: ["t1"] })).total).toBe(0);
    });

    it("searches by words of name and organisation (any case, accents ignored) and by digits, with paging", async () => {
      await createContact(fresh.db, person("Émile Zoë", ["+33142685300"], "Société Générale"));
      expect((await listContacts(fresh.db, { words: ["emile"] })).contacts.map((c) => c.name)).toEqual(["Émile Zoë"]);
      expect((await listContacts(fresh.db, { words: ["ZOE", "generale"] })).total).toBe(1);
      expect((await listContacts(fresh.db, { words: ["zoe", "nobody"] })).total).toBe(0);
      expect((await listContacts(fresh.db, { numberDigits: ["4268530"] })).contacts.map((c) => c.name)).toEqual([
        "Émile Zoë",
      ]);
      // LIKE's wildcards are searched for, not used.
      expect((await listContacts(fresh.db, { words: ["%"] })).total).toBe(0);
      expect((await listContacts(fresh.db, { words: ["_"] })).total).toBe(0);
      // Odd Ltd has 125 of the imported contacts: pages of 50 in name order.
      const page1 = await listContacts(fresh.db, { words: ["odd"], limit: 50 });
      const page3 = await listContacts(fresh.db, { words: ["odd"], limit: 50, offset: 100 });
      expect(page1.total).toBe(125);
      expect(page1.contacts).toHaveLength(50);
      expect(page1.contacts[0]?.name).toBe("Import 001");
      expect(page3.contacts).toHaveLength(25);
      expect(page3.contacts.at(-1)?.name).toBe("Import 249");
      // Name or number: a word that is also digits finds either.
      expect(
        (await listContacts(fresh.db, { words: ["1000"], numberDigits: ["1000"] })).contacts.map((c) => c.name),
      ).toEqual(["Import 000"]);
    });

    it("contactsByNumber answers many numbers at once and skips the unknown", async () => {
      const numbers = Array.from({ length: 600 }, (_, i) => `+1202555${String(1000 + i)}`);
      const found = await contactsByNumber(fresh.db, [...numbers, "not a number"]);
      expect(found.size).toBe(250);
      expect(found.get("+12025551007")).toMatchObject({ name: "Import 007", organisation: "Odd Ltd" });
      expect(found.has("+12025551300")).toBe(false);
    });

    it("iterates every contact in name order, page by page", async () => {
      const names: string[] = [];
      for await (const page of iterateContacts(fresh.db, 100)) names.push(...page.map((c) => c.name));
      const total = (await listContacts(fresh.db)).total;
      expect(names).toHaveLength(total);
      const folded = names.map(foldForSearch);
      expect(folded).toEqual([...folded].sort());
      expect(new Set(names).size).toBe(names.length);
    });
  });
});
