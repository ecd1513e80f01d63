/**
 * The texts of the demonstration portfolio seeded by `npm run demo`
 * (db/demo.ts): who the demo people are, and every evidence item with its
 * claims and where it stands in review.
 *
 * Everything here is invented. The trusts, the people and the work are
 * fictional; there is no patient in it and no identifier of anyone. Dates are
 * days before the moment the demo is seeded, so the portfolio always looks
 * current.
 */
import type { EvidenceRole, QualificationKind, Specialism } from '../schema'

/** Shared by every demo account. At least 15 characters and accepted by the password policy. */
export const DEMO_PASSWORD = 'demo passphrase for attain'

export interface DemoPerson {
  email: string
  name: string
}

export interface DemoTraineeProfile extends DemoPerson {
  specialism: Specialism
  employer: string
  /** The target submission date, this many months after the demo is seeded. */
  targetMonthsAhead: number
  /** When the account was made, in days before the demo is seeded. */
  joinedDaysAgo: number
  /** When the mentor's invitation was accepted, in days before the demo is seeded. */
  mentorLinkedDaysAgo: number
}

export const DEMO_EMPLOYER = 'Northshire Teaching Hospitals NHS Trust'

export const DEMO_TRAINEE: DemoTraineeProfile = {
  email: 'priya.sharma@demo.attain.invalid',
  name: 'Priya Sharma',
  specialism: 'radiotherapy-physics',
  employer: DEMO_EMPLOYER,
  targetMonthsAhead: 9,
  joinedDaysAgo: 900,
  mentorLinkedDaysAgo: 880,
}

export const DEMO_SECOND_TRAINEE: DemoTraineeProfile = {
  email: 'owen.gallagher@demo.attain.invalid',
  name: 'Owen Gallagher',
  specialism: 'nuclear-medicine',
  employer: DEMO_EMPLOYER,
  targetMonthsAhead: 22,
  joinedDaysAgo: 330,
  mentorLinkedDaysAgo: 320,
}

/** The trainee whose portfolio is complete, submitted and waiting for the demo assessor. */
export const DEMO_SUBMITTED_TRAINEE: DemoTraineeProfile = {
  email: 'hannah.reid@demo.attain.invalid',
  name: 'Hannah Reid',
  specialism: 'diagnostic-radiology',
  employer: 'Westmoor University Hospitals NHS Foundation Trust',
  targetMonthsAhead: 0,
  joinedDaysAgo: 545,
  mentorLinkedDaysAgo: 535,
}

/**
 * A demo trainee's experience and training record. Dates are whole months before the demo is seeded; an end of
 * null is the post or course under way.
 */
export interface DemoRecord {
  posts: {
    employer: string
    department: string
    jobTitle: string
    band: string
    startMonthsAgo: number
    endMonthsAgo: number | null
    fractionPercent: number
    supervisorName: string
    supervisedPractice: boolean
    description: string
  }[]
  qualifications: {
    kind: QualificationKind
    title: string
    institution: string
    startMonthsAgo: number | null
    endMonthsAgo: number | null
  }[]
  memberships: { body: string; grade: string; number: string; sinceMonthsAgo: number | null }[]
}

/**
 * Priya: two and a half years as a clinical technologist in radiotherapy physics at another trust, then
 * thirty-one months as a Route 2 trainee at Northshire, where her portfolio starts: five and a half years in all,
 * every month of it supervised practice.
 */
export const PRIYA_RECORD: DemoRecord = {
  posts: [
    {
      employer: 'Eastbridge Hospitals NHS Trust',
      department: 'Radiotherapy Physics',
      jobTitle: 'Clinical Technologist',
      band: 'Band 5',
      startMonthsAgo: 66,
      endMonthsAgo: 32,
      fractionPercent: 100,
      supervisorName: 'Mr Tom Hale, Principal Clinical Scientist',
      supervisedPractice: true,
      description:
        'Daily and weekly linac QA, water tank scanning for commissioning, mould room support and in vivo dosimetry.',
    },
    {
      employer: DEMO_EMPLOYER,
      department: 'Radiotherapy Physics',
      jobTitle: 'Trainee Clinical Scientist (IPEM Route 2)',
      band: 'Band 6',
      startMonthsAgo: 31,
      endMonthsAgo: null,
      fractionPercent: 100,
      supervisorName: 'Dr Daniel Okafor, Consultant Clinical Scientist',
      supervisedPractice: true,
      description:
        'Linac QA and dosimetry, treatment planning system commissioning, patient-specific QA and teaching radiographers.',
    },
  ],
  qualifications: [
    {
      kind: 'degree',
      title: 'BSc (Hons) Physics, 2:1',
      institution: 'University of Northshire',
      startMonthsAgo: 102,
      endMonthsAgo: 67,
    },
    {
      kind: 'msc',
      title: 'MSc Medical Physics (part-time)',
      institution: 'University of Northshire',
      startMonthsAgo: 30,
      endMonthsAgo: 4,
    },
    {
      kind: 'course',
      title: 'Radiation Protection Supervisor training',
      institution: 'Northshire Teaching Hospitals NHS Trust',
      startMonthsAgo: null,
      endMonthsAgo: 18,
    },
  ],
  memberships: [{ body: 'IPEM', grade: 'Associate Member', number: '31842', sinceMonthsAgo: 60 }],
}

/**
 * Owen: two years as a research physicist in a university imaging department (postgraduate experience, but not
 * supervised practice in a healthcare setting), then nearly three years as a trainee at Northshire at 0.8 of full
 * time while he wrote up his PhD: about four and a half years counted by fraction.
 */
export const OWEN_RECORD: DemoRecord = {
  posts: [
    {
      employer: 'University of Northshire',
      department: 'Imaging Sciences',
      jobTitle: 'Research Physicist',
      band: '',
      startMonthsAgo: 60,
      endMonthsAgo: 35,
      fractionPercent: 100,
      supervisorName: 'Prof. Elaine Ward',
      supervisedPractice: false,
      description: 'Quantitative SPECT reconstruction and phantom studies for a PhD in medical imaging.',
    },
    {
      employer: DEMO_EMPLOYER,
      department: 'Nuclear Medicine',
      jobTitle: 'Trainee Clinical Scientist (IPEM Route 2)',
      band: 'Band 6',
      startMonthsAgo: 34,
      endMonthsAgo: null,
      fractionPercent: 80,
      supervisorName: 'Dr Daniel Okafor, Consultant Clinical Scientist',
      supervisedPractice: true,
      description: 'Gamma camera and PET-CT quality control, radiopharmacy support and patient dosimetry.',
    },
  ],
  qualifications: [
    {
      kind: 'degree',
      title: 'MPhys Physics, first class',
      institution: 'University of Eastbridge',
      startMonthsAgo: 108,
      endMonthsAgo: 61,
    },
    {
      kind: 'doctorate',
      title: 'PhD Medical Imaging',
      institution: 'University of Northshire',
      startMonthsAgo: 60,
      endMonthsAgo: 14,
    },
  ],
  memberships: [
    { body: 'IPEM', grade: 'Associate Member', number: '33107', sinceMonthsAgo: 34 },
    { body: 'British Nuclear Medicine Society', grade: 'Member', number: '', sinceMonthsAgo: 30 },
  ],
}

/**
 * Hannah: eighteen months as a physicist in industry, then four years in medical physics at Westmoor: as a
 * trainee, and for the last year in a pre-registration post. About five and a half years, four of them
 * supervised practice.
 */
export const HANNAH_RECORD: DemoRecord = {
  posts: [
    {
      employer: 'Calder Imaging Systems Ltd',
      department: 'Test and Calibration',
      jobTitle: 'Graduate Physicist',
      band: '',
      startMonthsAgo: 67,
      endMonthsAgo: 49,
      fractionPercent: 100,
      supervisorName: '',
      supervisedPractice: false,
      description: 'Acceptance testing and calibration of X-ray generators and flat-panel detectors before shipment.',
    },
    {
      employer: 'Westmoor University Hospitals NHS Foundation Trust',
      department: 'Diagnostic Radiology Physics',
      jobTitle: 'Trainee Clinical Scientist (IPEM Route 2)',
      band: 'Band 6',
      startMonthsAgo: 48,
      endMonthsAgo: 13,
      fractionPercent: 100,
      supervisorName: 'Dr Ruth Adeyemi, Consultant Clinical Scientist',
      supervisedPractice: true,
      description:
        'Routine and acceptance testing of CT, radiography, mammography and fluoroscopy; patient dose audit.',
    },
    {
      employer: 'Westmoor University Hospitals NHS Foundation Trust',
      department: 'Diagnostic Radiology Physics',
      jobTitle: 'Clinical Scientist (pre-registration)',
      band: 'Band 7',
      startMonthsAgo: 12,
      endMonthsAgo: null,
      fractionPercent: 100,
      supervisorName: 'Dr Ruth Adeyemi, Consultant Clinical Scientist',
      supervisedPractice: true,
      description:
        'CT protocol optimisation, interventional radiology dose monitoring and Radiation Protection Adviser support.',
    },
  ],
  qualifications: [
    {
      kind: 'degree',
      title: 'BSc (Hons) Physics, 2:1',
      institution: 'University of Westmoor',
      startMonthsAgo: 103,
      endMonthsAgo: 68,
    },
    {
      kind: 'msc',
      title: 'MSc Medical Physics (part-time)',
      institution: 'University of Westmoor',
      startMonthsAgo: 40,
      endMonthsAgo: 5,
    },
    {
      kind: 'course',
      title: 'IR(ME)R operator and practitioner training',
      institution: 'Westmoor University Hospitals NHS Foundation Trust',
      startMonthsAgo: null,
      endMonthsAgo: 44,
    },
  ],
  memberships: [{ body: 'IPEM', grade: 'Associate Member', number: '29715', sinceMonthsAgo: 47 }],
}

/** When the submitted trainee's last steps happened, in days before the demo is seeded. */
export const DEMO_SUBMISSION_DAYS_AGO = {
  /** The summary statement is written. */
  summaryStatement: 12,
  /** The mentor signs the declaration; every item is verified before this. */
  declaration: 9,
  submitted: 7,
  /** The admin assigns the demo assessor. */
  assigned: 6,
} as const

/** Priya Sharma's supervisor, a radiotherapy physicist. */
export const DEMO_MENTOR: DemoPerson = { email: 'daniel.okafor@demo.attain.invalid', name: 'Dr Daniel Okafor' }
/** Owen Gallagher's supervisor, a nuclear medicine physicist. */
export const DEMO_NM_SUPERVISOR: DemoPerson = { email: 'aisling.byrne@demo.attain.invalid', name: 'Dr Aisling Byrne' }
/** Hannah Reid's supervisor, a diagnostic radiology physicist. */
export const DEMO_DR_SUPERVISOR: DemoPerson = { email: 'marcus.webb@demo.attain.invalid', name: 'Dr Marcus Webb' }
/** The IPEM External Adviser of all three trainees, who signs their declarations. */
export const DEMO_ADVISER: DemoPerson = { email: 'helen.achebe@demo.attain.invalid', name: 'Dr Helen Achebe' }
export const DEMO_ASSESSOR: DemoPerson = { email: 'assessor@demo.attain.invalid', name: 'Demo Assessor' }
export const DEMO_ADMIN: DemoPerson = { email: 'admin@demo.attain.invalid', name: 'Demo Administrator' }

type DemoRating = 1 | 2 | 3 | 4 | 5 | null
/** Ratings in the question set's order (competences/feedback-questions.json); null is "not able to comment". */
function ratings(values: DemoRating[]): Record<string, number | null> {
  const ids = [
    'explains-clearly',
    'responsive',
    'listens',
    'team-working',
    'knows-limits',
    'responsibility',
    'respect',
    'safety',
  ]
  return Object.fromEntries(ids.map((id, i) => [id, values[i] ?? null]))
}

/**
 * Priya's round of multi-source feedback through Attain: ten colleagues asked, eight answer, one declines, one never
 * replies; released, and reflected on in the item `itemKey`. The addresses are invented (`.invalid`).
 */
export const DEMO_FEEDBACK: {
  itemKey: string
  areas: string[]
  startedDaysAgo: number
  releasedDaysAgo: number
  raters: {
    email: string
    relationship: 'radiographer' | 'scientist' | 'engineer'
    answer: { ratings: Record<string, number | null>; strengths: string; development: string } | 'declined' | 'silent'
  }[]
} = {
  itemKey: 'msf-feedback',
  areas: ['Com1', 'Com3', 'Prof2', 'Prof4', 'Prof7'],
  startedDaysAgo: 120,
  releasedDaysAgo: 96,
  raters: [
    {
      email: 'radiographer.one@northshire.demo.attain.invalid',
      relationship: 'radiographer',
      answer: {
        ratings: ratings([3, 4, 5, 5, 4, 5, 5, 4]),
        strengths: 'Always follows up on QA issues and tells us the outcome, even when it is "no change".',
        development:
          'Could be more confident giving a clear answer at the console; sometimes gives all the background first.',
      },
    },
    {
      email: 'radiographer.two@northshire.demo.attain.invalid',
      relationship: 'radiographer',
      answer: {
        ratings: ratings([4, 4, 4, 5, 5, 4, 5, 5]),
        strengths: 'Very approachable, happy to explain why a check matters.',
        development: 'Start with the answer when we need a decision at the unit, then explain.',
      },
    },
    {
      email: 'radiographer.three@northshire.demo.attain.invalid',
      relationship: 'radiographer',
      answer: {
        ratings: ratings([2, 3, 4, 4, 4, 4, 5, 4]),
        strengths: 'Calm when a machine fault delays the list.',
        development: '',
      },
    },
    {
      email: 'radiographer.four@northshire.demo.attain.invalid',
      relationship: 'radiographer',
      answer: 'declined',
    },
    {
      email: 'dosimetrist.one@northshire.demo.attain.invalid',
      relationship: 'scientist',
      answer: {
        ratings: ratings([4, 5, 4, 5, 4, 5, 4, 4]),
        strengths: 'Checks plans carefully and explains any concern in a way that helps us fix it.',
        development: 'Could share the QA schedule earlier so planning can work around it.',
      },
    },
    {
      email: 'dosimetrist.two@northshire.demo.attain.invalid',
      relationship: 'scientist',
      answer: {
        ratings: ratings([3, 4, 4, 4, null, 4, 5, 4]),
        strengths: '',
        development: 'Say sooner when a check will take longer than expected.',
      },
    },
    {
      email: 'physicist.one@northshire.demo.attain.invalid',
      relationship: 'scientist',
      answer: {
        ratings: ratings([4, 4, 5, 5, 5, 5, 5, 5]),
        strengths: 'Asks for help at the right time and acts on advice.',
        development: 'Take the lead in presenting results at the physics meeting.',
      },
    },
    {
      email: 'physicist.two@northshire.demo.attain.invalid',
      relationship: 'scientist',
      answer: {
        ratings: ratings([4, 5, 4, 5, 4, 4, 4, 5]),
        strengths: 'Thorough, and keeps records anyone can pick up.',
        development: 'Could delegate more routine checks to technologists.',
      },
    },
    {
      email: 'physicist.three@northshire.demo.attain.invalid',
      relationship: 'scientist',
      answer: 'silent',
    },
    {
      email: 'engineer.one@northshire.demo.attain.invalid',
      relationship: 'engineer',
      answer: {
        ratings: ratings([4, 5, 4, 4, 4, 5, 5, 5]),
        strengths: 'Gives clear fault descriptions, which saves us time.',
        development: '',
      },
    },
  ],
}

/** Areas of competence the demo trainee has deliberately not evidenced, so the coverage report has gaps to show. */
export const DEMO_PLANNED_GAPS = ['R&D3', 'R&D6', 'Com2', 'Prof10', 'Prof11'] as const

export interface DemoClaim {
  area: string
  statement: string
  competencies?: string[]
}

export interface DemoText {
  title: string
  description: string
  reflection: string
  claims: DemoClaim[]
}

export interface DemoComment {
  by: 'mentor' | 'trainee'
  body: string
  /** Days after the review decision. */
  daysAfterDecision: number
  /** A mentor's note for the assessor. */
  forAssessor?: boolean
}

/**
 * Where the item stands:
 * - `draft`: never sent for review;
 * - `awaiting`: sent, no decision yet;
 * - `verified`: every claim verified on revision 1;
 * - `partly`: the listed claims verified, the rest not yet decided;
 * - `changes`: the listed claims verified, changes requested on the others, with a comment thread;
 * - `revised`: verified on revision 1, then edited, so revision 2 waits in the queue ("changed since verification").
 */
export type DemoReview =
  | { status: 'draft' }
  | { status: 'awaiting'; sentDaysAgo: number }
  | { status: 'verified'; comments?: DemoComment[] }
  | { status: 'partly'; verify: string[] }
  | {
      status: 'changes'
      sentDaysAgo: number
      verify: string[]
      changes: { area: string; comment: string }[]
      thread: DemoComment[]
    }
  | { status: 'revised'; edit: Partial<DemoText>; editedDaysAgo: number }

/** A short document attached to an item, made as a PDF when the demo is seeded with a data directory. */
export interface DemoAttachment {
  /** As the trainee's computer named it. */
  originalName: string
  title: string
  /** Paragraphs; one starting with "## " is a subheading. */
  paragraphs: string[]
}

export interface DemoItem extends DemoText {
  /** A stable name for the item, for tests and messages. */
  key: string
  /** The first day of the activity, in days before the demo is seeded. */
  startDaysAgo: number
  /** How many days after the first the activity ended; omitted for a single day. */
  days?: number
  evidenceType: string
  role: EvidenceRole
  review: DemoReview
  /** The scan's one finding in this item is a colleague's name: the trainee acknowledges it with this reason. */
  acknowledgeFinding?: string
  attachment?: DemoAttachment
}

export const PRIYA_ITEMS: DemoItem[] = [
  {
    key: 'daily-qa',
    title: 'Linac daily QA: output constancy, imaging and safety interlocks on Linac 2',
    startDaysAgo: 870,
    days: 56,
    evidenceType: 'commissioning-qa-report',
    role: 'contributed',
    description: `For eight weeks at the start of my training I carried out the morning quality control on Linac 2 before the first clinical session, at first alongside a clinical technologist and, from the third week, on my own with the results checked by a physicist.

The daily checks follow the department's QC schedule, which is based on IPEM Report 81 and AAPM TG-142:

- photon and electron output constancy with the daily QA device (tolerance ±3%, action at ±2% for two consecutive days);
- optical distance indicator and room lasers (±2 mm);
- kV–MV imaging isocentre coincidence using the cube phantom (±2 mm);
- door interlock, beam-off and emergency-off indicators, audio-visual monitoring.

Over 38 sessions every result was within tolerance. Output readings for 6 MV drifted from +0.4% to +1.6% over the period; I plotted the trend each week and flagged it at the physics huddle once it passed +1.5%. A monthly check with a Farmer-type chamber confirmed the drift (+1.4%), and the output was adjusted back to baseline by the senior physicist under the department's output adjustment procedure.

I entered every result in the QA database and learned how the daily device's baseline is re-established after a calibration.`,
    reflection: `At first the checks felt like a list to get through before 08:00. Plotting the output trend changed that: I could see the drift developing before it reached a tolerance, and I understood why the department sets an action level inside the tolerance. I was nervous raising the trend at the huddle because every value was still "in tolerance", but the senior physicist explained that spotting trends early is exactly what the daily checks are for.

I also learned the limits of my role: I can record and escalate, but adjusting output is done only by an authorised physicist. Next time I would check the daily device's own constancy record first, to rule out the device before suspecting the linac.`,
    claims: [
      {
        area: 'Tech3',
        statement:
          'I performed the daily output, imaging coincidence and interlock checks on Linac 2 for eight weeks, independently after the first fortnight.',
        competencies: ['Tech-SC1'],
      },
      {
        area: 'Tech6',
        statement:
          'I trended the 6 MV output, recognised a developing drift within tolerance and escalated it, which led to a confirmed measurement and an output adjustment.',
        competencies: ['Tech-SC4'],
      },
      {
        area: 'Prof4',
        statement:
          'I recorded and escalated the drift rather than acting on it myself, recognising that output adjustment is outside my authorisation as a trainee.',
        competencies: ['Prof-SC5'],
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'mandatory-training',
    title: 'Mandatory and statutory training record, first year',
    startDaysAgo: 860,
    days: 40,
    evidenceType: 'cpd-record',
    role: 'led',
    description: `Record of the Trust's mandatory and statutory training I completed in my first year, with the radiation-specific induction required before I could work in the linac bunkers.

| Module | Format | Result |
| --- | --- | --- |
| Information governance and data security | e-learning | passed, 92% |
| Equality, diversity and human rights | e-learning | completed |
| Fire safety | face to face | completed |
| Infection prevention and control, level 1 | e-learning | completed |
| Moving and handling, level 1 | face to face | completed |
| Safeguarding adults and children, level 2 | e-learning | completed |
| Basic life support | face to face | completed |
| IR(ME)R 2017 local induction | seminar and quiz | passed |
| IRR17 local rules for radiotherapy | seminar, signed local rules | completed |

The radiation protection induction was delivered by the Radiation Protection Supervisor for radiotherapy. It covered the local rules for controlled areas, the search procedure before beam-on, what to do if someone is in a bunker during an exposure, and personal dosimetry. I was issued a whole-body dosemeter and signed the local rules for each bunker.`,
    reflection: `All modules completed within the induction period. Most of it was routine; the bunker search procedure was the part I had to practise.`,
    claims: [
      {
        area: 'Prof3',
        statement:
          'I completed information governance and equality training and signed the local rules under IRR17 before working in controlled areas.',
        competencies: ['Prof-SC1'],
      },
      {
        area: 'Prof9',
        statement:
          'I keep my own record of statutory training and know when each module falls due for renewal, so that my practice stays current.',
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'planning-pathway-observation',
    title: 'Observation: the radiotherapy pathway from CT simulation to first fraction',
    startDaysAgo: 835,
    days: 10,
    evidenceType: 'reflection',
    role: 'observed',
    description: `Over two weeks I followed the radiotherapy pathway for several courses of treatment (prostate, breast and head and neck), without any patient-identifiable information being recorded, to understand where physics fits into patient care.

I observed:

1. **CT simulation** — immobilisation with a thermoplastic shell for head and neck, knee and ankle supports for prostate, and the breath-hold coaching used for left-sided breast;
2. **outlining** — clinical oncologists outlining target volumes, and dosimetrists outlining organs at risk with an auto-contouring tool that is then checked;
3. **planning** — a VMAT prostate plan optimised against the local dose-volume constraints, then checked independently with a second dose calculation;
4. **physics checks** — the plan check against the prescription and the patient-specific QA measurement for the VMAT plan;
5. **first fraction** — set-up by therapeutic radiographers, cone-beam CT matched to bony anatomy and soft tissue, and the action levels for moving the couch.

At each step I asked what decision the step informs and what happens if it is wrong. I wrote a one-page flow chart of the pathway with the physics checkpoints marked, which my supervisor reviewed.`,
    reflection: `Before this I thought of QA as something done to machines. Following a plan from CT to treatment showed me that each physics check protects a specific clinical decision: the plan check protects the prescription, patient-specific QA protects the delivery, and the daily image match protects the geometry.

What struck me most was how much the radiographers rely on physics to have set action levels sensibly. An action level that is too tight stops treatments and causes delays; one that is too loose lets geometric errors through. I now ask "what clinical decision depends on this number?" when I look at a tolerance. I plan to repeat this observation for stereotactic treatments, where the margins are much smaller.`,
    claims: [
      {
        area: 'Clin3',
        statement:
          'I followed the whole radiotherapy pathway for several tumour sites and mapped where physics checks sit in patient management.',
        competencies: ['Clin-SC1'],
      },
      {
        area: 'Sci5',
        statement:
          'For each step I identified the clinical decision it informs, such as the image match deciding whether the couch is moved before treatment.',
      },
      {
        area: 'Clin6',
        statement:
          'I learned the evidence behind the local margins and action levels and how the radiographers use them at the first fraction.',
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'irmer-procedures',
    title: "Review of the radiotherapy physics entries in the IR(ME)R employer's procedures",
    startDaysAgo: 800,
    days: 30,
    evidenceType: 'quality-document',
    role: 'contributed',
    description: `The Trust reviews its written procedures under the Ionising Radiation (Medical Exposure) Regulations 2017 every two years. I was asked to review the procedures that name radiotherapy physics duties and to check that each matches what we actually do.

I compared each procedure with practice:

- **Procedure on QA of equipment** (Schedule 2(1)(d)): names the QC schedule, but referred to a superseded version of our QA manual. I proposed the correct reference and the owner of the schedule.
- **Procedure on dose verification and independent checks**: the text described a manual monitor-unit check that has been replaced by an independent dose calculation; I rewrote the paragraph to describe the current check and its action level (3% at the reference point, investigated above).
- **Procedure on accidental or unintended exposures**: I checked that the physics contact for out-of-hours equipment faults was current and that the route to the Medical Physics Expert was clear.
- **Entitlement**: I confirmed that the scope of practice of operators in physics (plan checks, QA release after service) is recorded in the entitlement matrix.

My tracked changes went to the radiotherapy quality group, which accepted three of them and deferred one pending a wider change to the incident procedure.`,
    reflection: `I found the regulations abstract until I had to compare a procedure line by line with what people do each day. The gaps were not dangerous, but an outdated procedure is a risk: in an inspection or an incident, the procedure is what we are judged against.

I learned that writing procedures is a negotiation: my first draft was technically correct but too detailed, and the quality lead asked me to keep the procedure at the level of "who does what" and leave the detail to work instructions. Next time I will ask early what level of detail a document needs.`,
    claims: [
      {
        area: 'Prof3',
        statement:
          "I checked the physics duties in the IR(ME)R employer's procedures against practice and proposed corrections where they had drifted apart.",
        competencies: ['Prof-SC1'],
      },
      {
        area: 'Tech2',
        statement:
          'I interpreted IR(ME)R 2017 requirements for equipment QA and dose verification and applied them to our local procedures.',
        competencies: ['Tech-SC2'],
      },
      {
        area: 'Prof6',
        statement:
          'I drafted revisions to controlled quality documents and took them through the radiotherapy quality group for approval.',
        competencies: ['Prof-SC5'],
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'imaging-observation',
    title: 'Observation: on-treatment imaging decisions at the linac',
    startDaysAgo: 790,
    days: 4,
    evidenceType: 'reflection',
    role: 'observed',
    description: `I spent four sessions at the treatment console with therapeutic radiographers to see how on-treatment imaging is used to decide whether to treat.

What I observed:

- Cone-beam CT was acquired before each fraction for prostate and head and neck treatments, and kV planar pairs for palliative treatments.
- The radiographers matched to bony anatomy first, then reviewed soft tissue. Shifts were applied if within the local action levels (5 mm for prostate translations); larger shifts or rotations over 3° were escalated to a senior radiographer, and rectal filling outside the planning range led to the patient being taken off the couch and re-prepared.
- For one head and neck course, systematic weight loss was visible on successive CBCTs; the radiographers referred it for a review of the plan by the clinical team.

I asked how the imaging isocentre is kept coincident with the treatment isocentre, which led to a discussion of the daily and monthly imaging QA I had been doing. I summarised the decision points in a short table for my own reference.`,
    reflection: `Seeing the image-matching decisions in real time connected the imaging QA I do with its consequences: an imaging isocentre error of 2 mm would go straight into every shift applied. I was surprised how much judgement the radiographers use beyond the written action levels, especially with soft tissue changes.

I now understand why imaging QA tolerances for stereotactic work are tighter. I would like to learn more about adaptive replanning criteria, which were mentioned but not written down anywhere I could find.`,
    claims: [
      {
        area: 'Clin2',
        statement:
          'I observed and discussed how image-matching results are interpreted into treat, shift or escalate decisions at the linac.',
      },
      {
        area: 'Clin4',
        statement:
          'I saw how imaging frequency and modality are chosen for each site, and how systematic changes trigger a plan review.',
      },
      {
        area: 'Tech2',
        statement:
          'I learned the local standards for patient positioning and the action levels radiographers apply before treatment.',
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'monthly-mlc',
    title: 'Monthly linac QA: MLC positional accuracy (picket fence) and mechanical checks',
    startDaysAgo: 760,
    days: 90,
    evidenceType: 'commissioning-qa-report',
    role: 'led',
    description: `I led the monthly mechanical and MLC QA on Linac 2 and Linac 3 for three monthly cycles.

Checks performed each month:

- **Picket fence** on the EPID at four gantry angles: 10 pickets of 1 mm nominal gap, analysed in the department's QA software. Tolerance ±1 mm for every leaf (±0.5 mm action level for stereotactic use).
- Light and radiation field coincidence (±2 mm), jaw positions (±2 mm), gantry and collimator angle indicators (±1°), couch position readouts (±2 mm).
- Output with a Farmer-type chamber in a solid water phantom (±2%).

| Month | Linac | Max leaf error (mm) | Leaves > 0.5 mm | Outcome |
| --- | --- | --- | --- | --- |
| 1 | Linac 2 | 0.38 | 0 | pass |
| 1 | Linac 3 | 0.61 | 2 | pass, watch |
| 2 | Linac 2 | 0.41 | 0 | pass |
| 2 | Linac 3 | 0.72 | 3 | engineer informed |
| 3 | Linac 3 | 0.29 | 0 | pass after leaf motor change |

On Linac 3 two leaves on the B bank showed a growing error at gantry 90°. I reported it to the engineers, who replaced one leaf motor; the repeat picket fence was within 0.3 mm.`,
    reflection: `This was the first QA I led from start to finish, including writing up the results and talking to the engineers. Two leaves at 0.6–0.7 mm were within tolerance, so I had to decide whether it was worth raising. I looked back through three months of results, saw the trend, and presented it as a trend rather than a failure, which the engineers took seriously.

I learned that a QA result only has value if someone looks at its history. I have since set up a simple chart of the worst leaves per month for both linacs. Next time I would also check the leaf's speed log from the linac's own records before calling the engineers.`,
    claims: [
      {
        area: 'Tech3',
        statement:
          'I performed the monthly picket fence and mechanical checks on two linacs over three cycles and analysed the EPID images myself.',
      },
      {
        area: 'Tech6',
        statement:
          'I identified a trend in two MLC leaves approaching tolerance, reported it, and confirmed the fix with a repeat test after the motor change.',
        competencies: ['Tech-SC4'],
      },
      {
        area: 'Sci4',
        statement:
          'I applied my understanding of MLC positional errors and their dosimetric effect on VMAT to decide that a within-tolerance trend needed action.',
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'reference-dosimetry',
    title: 'Reference dosimetry: 6 MV and 10 MV output calibration with an uncertainty budget',
    startDaysAgo: 720,
    evidenceType: 'calibration-report',
    role: 'led',
    description: `I carried out the quarterly reference output calibration of the 6 MV and 10 MV photon beams on Linac 3, following the IPEM code of practice for high-energy photon dosimetry based on absorbed dose to water calibration, with a Farmer-type field chamber cross-calibrated against the department's secondary standard.

Method: water phantom, 10 × 10 cm² field at 100 cm SSD, chamber at 10 cm depth; beam quality TPR20,10 measured (6 MV: 0.667; 10 MV: 0.737); corrections for temperature and pressure, polarity and ion recombination (two-voltage method). Measured outputs were +0.4% (6 MV) and −0.3% (10 MV) from the reference, so no adjustment was needed.

Uncertainty budget for 6 MV (standard uncertainties, k = 1):

| Component | Type | u (%) |
| --- | --- | --- |
| Secondary standard calibration (from the standards laboratory) | B | 0.50 |
| Cross-calibration of the field chamber | A | 0.20 |
| Beam quality correction kQ | B | 0.30 |
| Chamber positioning in water | B | 0.30 |
| Temperature and pressure correction | B | 0.10 |
| Recombination and polarity | B | 0.10 |
| Electrometer and leakage | B | 0.10 |
| Repeat readings (5 readings) | A | 0.05 |
| **Combined** (root sum of squares) | | **0.71** |

The expanded uncertainty (k = 2) is 1.4%, well inside the ±2% tolerance. I presented the budget at the physics section meeting.`,
    reflection: `I had done output measurements before, but never built the uncertainty budget myself. Working out which components were Type A and Type B, and finding their values in the code of practice and calibration certificates, made me realise that the measurement I trusted to 0.1% was only known to about 1.4% (k = 2).

The most useful discussion was about positioning: my supervisor showed me that at 10 cm depth in a 6 MV beam the reading changes by about 0.4–0.5% per millimetre of depth, so the 0.30% I allowed for positioning assumes the depth is right to better than a millimetre, and a 1 mm error alone would outweigh the kQ uncertainty. I now check chamber depth with the same care as the readings. I would like to compare my budget with the one in the external audit when it comes round.`,
    claims: [
      {
        area: 'Sci1',
        statement:
          'I applied the physics of ionisation chamber dosimetry, beam quality and the absorbed-dose-to-water formalism to calibrate two photon beams.',
      },
      {
        area: 'Sci2',
        statement:
          'I built a full uncertainty budget for reference dosimetry and explained how each component affects confidence in the delivered dose.',
        competencies: ['Sci-SC1', 'Sci-SC6'],
      },
      {
        area: 'Tech1',
        statement:
          'I understand the principles of cross-calibration, recombination and polarity corrections and applied them in the measurement.',
      },
      {
        area: 'Clin1',
        statement:
          'I related the expanded uncertainty of 1.4% to the accuracy needed for tumour control and normal tissue complication in radiotherapy.',
      },
    ],
    review: {
      status: 'verified',
      comments: [
        {
          by: 'mentor',
          body: 'Clear budget, and the discussion of positioning is exactly what assessors look for.',
          daysAfterDecision: 0,
        },
      ],
    },
  },
  {
    key: 'electron-energy-trend',
    title: 'Electron beam energy constancy: monthly checks and a six-month trend analysis',
    startDaysAgo: 690,
    days: 180,
    evidenceType: 'data-analysis',
    role: 'led',
    description: `Electron energies on Linac 2 and Linac 3 are checked monthly with a two-depth ionisation ratio in a solid water phantom, as a surrogate for R50. The tolerance is ±2 mm in R50, equivalent to a ratio change of about ±3% for 12 MeV.

I analysed six months of results for all five electron energies on both linacs and compared the monthly ratios with annual water tank scans.

Findings:

- 9 of 10 energy-linac combinations were stable within ±1% of baseline over six months.
- The ratio for 15 MeV on Linac 2 drifted steadily (−2.1% over six months). Converting with the depth-dose gradient, this corresponded to an R50 change of about −1.4 mm: within tolerance but heading towards it.
- A water tank scan at the next annual QA confirmed R50 reduced by 1.2 mm, supporting the ratio method.

I recommended an energy check by the engineers at the next service; the energy was re-tuned and the ratio returned to baseline. I also proposed plotting control limits (mean ± 2 standard deviations) on the monthly records so that drifts are seen without re-analysing the data.`,
    reflection: `This piece of analysis taught me that a surrogate measurement is only useful if you know how it relates to the quantity you care about. Working out the conversion from ratio to R50 from the depth-dose gradient took me longer than the analysis itself, but it meant I could say in millimetres what the drift meant.

I was pleased when the water tank scan agreed with my prediction. The control-limit charts were adopted for electrons; I would like to extend them to photons, where the daily device gives far more data.`,
    claims: [
      {
        area: 'Tech6',
        statement:
          'I analysed six months of electron energy checks, found a drift within tolerance and recommended re-tuning, which was done and verified.',
        competencies: ['Tech-SC4'],
      },
      {
        area: 'Sci4',
        statement:
          'I converted an ionisation ratio drift into an R50 change using the depth-dose gradient, so the result could be judged against tolerance.',
      },
      {
        area: 'Clin1',
        statement:
          'I explained what an R50 shift of over a millimetre would mean for the depth of electron treatments near critical structures.',
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'annual-qa',
    title: 'Annual linac QA on Linac 3 to IPEM Report 81 and AAPM TG-142',
    startDaysAgo: 640,
    days: 6,
    evidenceType: 'commissioning-qa-report',
    role: 'led',
    description: `I led the annual QA of Linac 3 over a planned six-day maintenance window, working with a senior physicist and a clinical technologist. The test list combines IPEM Report 81 and AAPM TG-142.

Summary of results:

| Test | Tolerance | Result |
| --- | --- | --- |
| Photon PDD at 10 cm (6, 10 MV) vs baseline | ±1% | −0.3%, +0.2% |
| Profile flatness and symmetry, 5 depths | ±2% | max 1.1% |
| Output factors, 3 × 3 to 40 × 40 cm² | ±2% | max 0.9% |
| MU linearity, 2–1000 MU | ±2% (≥5 MU) | max 0.6% |
| Dose rate dependence | ±2% | 0.4% |
| Radiation isocentre (Winston–Lutz) | 1 mm | 0.6 mm |
| Electron beam quality (R50) from water tank, 5 energies | ±1 mm (TG-142 annual; the monthly constancy check allows 2%/2 mm) | max 0.7 mm |
| MLC transmission and dosimetric leaf gap | baseline ±10% | within |
| kV and MV imaging scaling and isocentre | ±2 mm | 0.8 mm |

All tests passed. I wrote the annual report, including a comparison with the planning system's beam model, and the unit was released to clinical use by the senior physicist. I also set up the water tank and scanning protocols myself, which I had only observed the previous year.`,
    reflection: `Leading the annual QA was the point where I felt trusted with a whole machine. The planning was as important as the measurements: I wrote a day-by-day schedule so that water tank work was grouped, and this saved most of a day compared with the previous year.

The Winston–Lutz result of 0.6 mm was within tolerance but larger than last year, and I spent time understanding whether it came from the couch or the gantry. I would like to do this analysis with proper couch-rotation data next time. Writing the report showed me how much the release decision depends on a clear summary table.`,
    claims: [
      {
        area: 'Tech3',
        statement:
          'I set up and performed the annual dosimetric, mechanical and imaging tests on Linac 3 over six days, including water tank scanning.',
        competencies: ['Tech-SC1'],
      },
      {
        area: 'Tech5',
        statement:
          'I explained how the annual tests relate to the monthly and daily QA in IPEM Report 81 and TG-142 and why each has its tolerance.',
        competencies: ['Tech-SC2'],
      },
      {
        area: 'Sci7',
        statement:
          'I applied my knowledge of beam physics to compare the measured beam data with the planning system model and baseline.',
      },
      {
        area: 'Sci4',
        statement:
          'I reorganised the annual QA schedule so that the unit returned to service almost a day earlier than in the previous year.',
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'cbct-image-quality',
    title: 'Kilovoltage CBCT image quality QA on the linac imaging systems',
    startDaysAgo: 610,
    days: 3,
    evidenceType: 'commissioning-qa-report',
    role: 'led',
    description: `I performed the six-monthly image quality tests of the kV cone-beam CT systems on Linac 2 and Linac 3 with a commercial CBCT image quality phantom, for the pelvis and head protocols.

Measured against baseline:

- **Geometric accuracy**: distance between markers within ±1 mm.
- **CT number constancy**: air, acrylic and low-density inserts within ±40 HU of baseline; the polyethylene insert on Linac 2 read 52 HU above baseline.
- **Uniformity**: within 20 HU across the central slice.
- **Spatial resolution**: 6 line pairs per cm visible on both systems.
- **Low-contrast visibility**: unchanged.

The Linac 2 CT number shift prompted me to repeat the scan after a detector calibration (flood field and dark field) performed by the engineers. The repeat was within 15 HU of baseline. I checked that CT numbers are not used for dose calculation on CBCT in our department (they are used only for matching), so the clinical impact would have been small, but I documented the finding and the action in the QA record.`,
    reflection: `I had to read up on how CBCT reconstruction and detector calibration affect CT numbers before I could explain the shift. Troubleshooting it with the engineers was useful: they showed me the detector calibration steps, which I had never seen.

I realised that the importance of a result depends on how the images are used clinically. If we move to dose calculation on CBCT for adaptive planning, the CT number tolerances will need to be much tighter. I raised this at the imaging QA meeting as a point for the future.`,
    claims: [
      {
        area: 'Tech1',
        statement:
          'I understand how CBCT acquisition and detector calibration affect geometric accuracy and CT number and applied this in the tests.',
      },
      {
        area: 'Tech4',
        statement:
          'I investigated an out-of-baseline CT number on one system and confirmed it was resolved after a detector calibration.',
      },
      {
        area: 'Sci7',
        statement:
          'I judged the clinical effect of the CT number shift by checking how CBCT images are used in our pathway.',
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'magnetron-incident',
    title: 'Incident investigation: out-of-tolerance photon output after a magnetron change',
    startDaysAgo: 580,
    days: 21,
    evidenceType: 'incident-investigation',
    role: 'led',
    description: `**What happened.** The magnetron on Linac 2 was replaced by the engineers during an evening service. The handover form recorded the engineers' own checks and the unit was marked available. At the next morning's run-up, the daily QA device read +3.6% for 6 MV, outside the ±3% tolerance. The radiographers held the unit and called physics. No patient was treated on the unit between the service and the hold: this was a near miss.

**Immediate actions.** I repeated the measurement with a Farmer-type chamber in solid water with a senior physicist: +3.3% at 6 MV and +1.1% at 10 MV. TPR20,10 for 6 MV had risen from 0.667 to 0.671. The senior physicist adjusted the 6 MV output; the beam quality change was within tolerance but we asked the engineers to re-tune the energy, after which TPR and output returned to baseline.

**Investigation.** I mapped the timeline, interviewed the engineer and radiographers, and reviewed the handover form. Root cause: the form listed "magnetron" as an intervention needing engineering checks only; a physics output check before clinical use was not required for it, although it is for a klystron or gun change.

**Actions agreed:**

1. Handover form revised: any RF, gun or beam-steering intervention requires a physics output and energy check before release.
2. Intervention-to-check matrix added to the QA manual.
3. Learning shared at the radiotherapy quality group; recorded as a near miss on the Trust's incident system.`,
    reflection: `I was given the lead for this under supervision, which was daunting because it involved colleagues in engineering and treatment. I tried to keep the investigation about the system rather than the engineer, and I think the engineer's openness came from that.

The physics was straightforward once measured; the harder part was writing actions that would actually change behaviour. My first action list was long; my supervisor asked which single change would have prevented it, and that led to the handover form change. I also learned how close this came: without the daily check before the first patient, two sessions of treatments would have been delivered about 3% high. I now read handover forms critically when I release a unit.`,
    claims: [
      {
        area: 'PS1',
        statement:
          'I assessed the situation on the morning of the out-of-tolerance reading, confirmed the unit was held and established that no patient had been treated.',
        competencies: ['PS-SC1'],
      },
      {
        area: 'PS2',
        statement:
          'I determined the size of the output and energy change with independent measurements and judged it a near miss rather than an exposure incident.',
      },
      {
        area: 'PS3',
        statement:
          'I drew on my knowledge of how RF components affect beam energy and output to explain why the magnetron change caused the shift.',
      },
      {
        area: 'PS4',
        statement:
          'I proposed and tracked the corrective actions, including the revised handover form, through to approval at the quality group.',
        competencies: ['PS-SC4'],
      },
      {
        area: 'Tech4',
        statement:
          'I troubleshot the output fault with the engineers and confirmed output and beam quality were back at baseline before release.',
        competencies: ['Tech-SC5'],
      },
      {
        area: 'Clin5',
        statement:
          'I quantified what the clinical consequence would have been had treatments gone ahead, and used it to argue for the process change.',
      },
    ],
    review: {
      status: 'verified',
      comments: [
        {
          by: 'mentor',
          body: 'For the assessor: Priya led this investigation under my supervision. The measurements, timeline, interviews and the report are her own work; the output adjustment was made by an authorised physicist.',
          daysAfterDecision: 0,
          forAssessor: true,
        },
      ],
    },
  },
  {
    key: 'breakdown-reflection',
    title: 'Reflection: my first linac breakdown call as the physics contact',
    startDaysAgo: 545,
    evidenceType: 'reflection',
    role: 'led',
    description: `During a late clinical session, Linac 3 stopped mid-treatment with a dose monitoring interlock. I was the physics contact on the rota for the first time, with a senior physicist available by phone.

What I did:

- Went to the console, confirmed with the radiographers that the beam had terminated and that the delivered monitor units for the interrupted arc were recorded by the linac.
- Called the senior physicist and the on-call engineer, and agreed that no further treatment would be given on the unit until the cause was known.
- Helped the radiographers check the partially delivered fraction: the linac log showed the arc stopped at 64% of its monitor units. The standard approach, a completion plan for the remaining part of the arc, was prepared by the planning team and checked by the senior physicist the next morning.
- After the engineer replaced a faulty monitor chamber cable connection, I performed the output and symmetry checks needed before release, and the senior physicist released the unit.

Patients booked for the rest of the session were moved to another linac by the radiographers.`,
    reflection: `**Feelings.** I felt a rush of pressure: radiographers and a patient were waiting for me to say something, and I was not sure what my authority was.

**Evaluation.** Calling the senior physicist early was the right decision. I was tempted to suggest restarting the arc because the fault looked transient, but that was not my decision to make, and it would have been wrong without understanding the interlock.

**Analysis.** The HCPC standards ask us to know the limits of our practice. In the moment, that meant saying clearly "I am not able to release this unit; I am calling someone who can", which the radiographers found reassuring rather than weak.

**Action.** I wrote myself a one-page on-call checklist and asked to shadow two more on-call sessions before covering alone.`,
    claims: [
      {
        area: 'PS5',
        statement:
          'I took the initiative to write an on-call checklist after the breakdown and asked for further shadowing before covering alone.',
      },
      {
        area: 'Prof4',
        statement:
          'I recognised the limits of my authority during the breakdown and called the senior physicist before any decision on the unit was made.',
        competencies: ['Prof-SC3'],
      },
      {
        area: 'Prof2',
        statement:
          'I took responsibility for the physics side of the call and explained my decisions to the radiographers as they were made.',
      },
      {
        area: 'Prof1',
        statement:
          'I reflected on the HCPC standards about knowing the limits of practice and how they applied to my first on-call situation.',
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'daily-qa-sop',
    title: 'SOP revision: daily output constancy checks with the new QA device',
    startDaysAgo: 520,
    days: 20,
    evidenceType: 'quality-document',
    role: 'led',
    description: `When the department replaced its daily output constancy devices, the standard operating procedure for daily QA needed rewriting. I drafted the new SOP and the accompanying work instruction for radiographers.

The SOP sets out:

- scope: all photon and electron energies on the four linacs, daily before clinical use;
- responsibilities: radiographers perform the check; physics reviews weekly and responds to any failure;
- method: device set-up, warm-up, which energies and field sizes are measured;
- tolerances and actions: ±3% tolerance; any result between 2% and 3% on two consecutive days is reported to physics; any failure holds the unit;
- baseline management: how a new baseline is set after an output calibration, and who may do it;
- records: results stored in the QA database, weekly physics sign-off.

I tested the work instruction by watching two radiographers follow it without help and corrected three steps they found ambiguous. The SOP was approved through the document control system and the radiographers were trained by a senior radiographer using my slides.`,
    reflection: `Writing for radiographers, not physicists, was the hard part. My first draft explained why each tolerance was chosen; the radiographers wanted to know what to press and what to do if the light went red. Watching them use the draft was the most useful thing I did: I would not have found the ambiguous steps by reading it myself.

I now think of an SOP as something that has to work at 07:45 with a queue of patients, and I test procedures with their users before I send them for approval.`,
    claims: [
      {
        area: 'Prof6',
        statement:
          'I drafted a controlled SOP and work instruction, tested them with users and took them through document control to approval.',
        competencies: ['Prof-SC5'],
      },
      {
        area: 'Tech5',
        statement:
          'I set out tolerances, action levels and baseline management for daily QA, showing I understand how a QC programme is structured.',
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'irmer-audit',
    title: 'IR(ME)R audit: physics plan checks recorded in the treatment record',
    startDaysAgo: 500,
    days: 30,
    evidenceType: 'audit',
    role: 'led',
    description: `Our employer's procedures require every radiotherapy plan to have an independent physics check before the first fraction, recorded in the oncology information system. I audited compliance over three months.

**Standard:** 100% of plans with a documented physics check before first treatment, by a checker entitled under IR(ME)R.

**Method:** I extracted a random sample of 120 treatment courses from the oncology information system (no patient identifiers were taken out of the system; I recorded only a course sequence number in my spreadsheet), and for each checked the presence, timing and author of the physics check against the entitlement list.

**Results:**

| Criterion | Compliant |
| --- | --- |
| Physics check documented | 120 / 120 |
| Check completed before first fraction | 117 / 120 |
| Checker entitled for the technique | 120 / 120 |

The three late checks were emergency palliative treatments started out of hours, where the check was completed the next morning. Our procedure does not describe this pathway.

**Actions:** I proposed adding an emergency-treatment section to the procedure, with a verbal check by the on-call physicist and a documented check within one working day. Re-audit is planned for next year.`,
    reflection: `I expected a clean audit and was initially disappointed to find three exceptions. Looking into them, I realised the issue was not poor practice but a procedure that did not describe a real, safe pathway. That made the audit more useful, not less.

I learned to design the sample so that no patient-identifiable information leaves the clinical system. Next time I would agree the data extraction with the information governance lead at the start rather than checking afterwards.`,
    claims: [
      {
        area: 'Prof3',
        statement:
          "I audited compliance with an IR(ME)R employer's procedure and handled the clinical data without taking identifiers out of the system.",
        competencies: ['Prof-SC14'],
      },
      {
        area: 'Prof6',
        statement:
          'I designed and carried out a clinical audit against a written standard, presented the results and proposed a procedure change.',
        competencies: ['Prof-SC4'],
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'tps-beam-data',
    title: 'TPS commissioning: beam data acquisition for the new photon beam model',
    startDaysAgo: 470,
    days: 42,
    evidenceType: 'commissioning-qa-report',
    role: 'contributed',
    description: `The department upgraded its treatment planning system, which required a new photon beam model for 6 MV, 10 MV and 6 MV flattening-filter-free beams. I was one of three physicists acquiring the beam data over six weeks of evening and weekend sessions.

My part:

- Set up the 3D water tank, levelled it and aligned the scanning chamber to the radiation isocentre;
- Measured PDDs and profiles (in-plane, cross-plane, diagonal) at five depths for field sizes from 2 × 2 to 40 × 40 cm², using a small-volume chamber for large fields and a diode for fields of 4 × 4 cm² and below;
- Measured output factors with the "daisy-chain" method between the diode and a chamber for small fields, following IAEA TRS-483;
- Processed the data: centring, symmetrising only where the department's commissioning protocol allows, and smoothing checks.

I kept a measurement log of every scan with set-up details, which became part of the commissioning record. My data went into the vendor modelling, which the lead physicist did.`,
    reflection: `This was my first large commissioning project and I learned how much depends on set-up. On the second evening I found that my diagonal profiles were asymmetric because the tank had settled slightly; re-levelling and re-scanning cost an evening but taught me to check the level at the start of every session.

I found the small-field work difficult: the choice of detector and the daisy-chain correction were new to me, and I needed to read TRS-483 twice. Working as part of a team on rotating shifts also showed me the value of a good measurement log for handing over.`,
    claims: [
      {
        area: 'Tech3',
        statement:
          'I acquired PDDs, profiles and output factors in a 3D water tank for three photon beams as part of TPS commissioning.',
      },
      {
        area: 'Tech1',
        statement:
          'I chose suitable detectors for large and small fields and applied the daisy-chain method for small-field output factors.',
      },
      {
        area: 'Sci4',
        statement:
          'I contributed beam data that is now the basis of every plan calculated in the department, and documented it for future re-commissioning.',
        competencies: ['Sci-SC4'],
      },
      {
        area: 'Prof7',
        statement:
          'I worked in a three-person commissioning team on rotating sessions and used a shared measurement log to hand over reliably.',
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'tps-dose-validation',
    title: 'TPS commissioning: validation of dose calculation against measurement (gamma analysis)',
    startDaysAgo: 420,
    days: 35,
    evidenceType: 'data-analysis',
    role: 'led',
    description: `After the new photon beam model was built, I led the validation of its dose calculation against measurement, using test cases based on IAEA TRS-430 and the national guidance for TPS commissioning.

**Tests:** simple square and rectangular fields, off-axis and asymmetric fields, oblique incidence, a lung-equivalent inhomogeneity, MLC-shaped fields, and five clinical VMAT plans (prostate, head and neck, lung, brain, oesophagus).

**Method:** point doses with a calibrated chamber in solid water, and planar doses with a 2D ionisation chamber array and radiochromic film; global gamma analysis at 3%/2 mm with a 10% low-dose threshold.

| Test group | Point dose difference | Gamma pass rate (3%/2 mm) |
| --- | --- | --- |
| Open fields | within 1.0% | 99.6–100% |
| Off-axis and asymmetric | within 1.5% | 98.9–100% |
| Lung-equivalent slab | −2.4% beyond the interface | 96.1% |
| MLC-shaped fields | within 1.8% | 98.2–99.7% |
| Clinical VMAT (5 plans) | within 1.6% | 97.4–99.8% |

All results met the department's acceptance criteria (point dose ±2% in homogeneous media, ±3% in inhomogeneities; gamma ≥ 95%). The lung result matched published behaviour of this algorithm beyond low-density interfaces, and I recorded it as a known limitation in the commissioning report.`,
    reflection: `Designing the test set taught me to think about where an algorithm is likely to fail, rather than testing where it will obviously pass. The lung result worried me until I found the published comparisons and realised that the size of the difference was expected; what mattered was documenting it so that planners know.

I also learned that a gamma pass rate can hide a systematic error, so I looked at the dose difference maps as well as the pass rates. Next time I would include a stricter criterion alongside 3%/2 mm to see how much margin we have.`,
    claims: [
      {
        area: 'Sci6',
        statement:
          'I judged whether the new dose calculation was fit for clinical use by comparing it with measurement against defined acceptance criteria.',
      },
      {
        area: 'Sci2',
        statement:
          'I applied my knowledge of dose calculation algorithms to explain the expected under-dose beyond a low-density interface.',
      },
      {
        area: 'Clin1',
        statement:
          'I set the acceptance criteria in the context of the dosimetric accuracy needed for radical treatments.',
      },
      {
        area: 'Clin6',
        statement:
          'I used the published evidence on this algorithm in inhomogeneous media to support its clinical use and document its limitation.',
      },
      {
        area: 'R&D4',
        statement:
          'I carried out the measurements and the gamma and dose-difference analysis myself and presented the results in the commissioning report.',
      },
    ],
    review: {
      status: 'revised',
      editedDaysAgo: 16,
      edit: {
        title:
          'TPS commissioning: validation of dose calculation against measurement (gamma analysis at 3%/2 mm and 2%/2 mm)',
        reflection: `Designing the test set taught me to think about where an algorithm is likely to fail, rather than testing where it will obviously pass. The lung result worried me until I found the published comparisons and realised that the size of the difference was expected; what mattered was documenting it so that planners know.

I also learned that a gamma pass rate can hide a systematic error, so I looked at the dose difference maps as well as the pass rates. Since the review I have re-analysed the five clinical VMAT plans at 2%/2 mm as well: pass rates were 94.8–99.1%, with the lowest for the head and neck plan. This shows we have margin at 3%/2 mm but not much at 2%/2 mm for highly modulated plans, which I have added to the commissioning report as a point for the patient-specific QA audit.`,
      },
    },
  },
  {
    key: 'hdr-source-exchange',
    title: 'HDR brachytherapy source exchange and source strength verification',
    startDaysAgo: 400,
    evidenceType: 'calibration-report',
    role: 'contributed',
    description: `The Ir-192 source in the HDR afterloader is exchanged every quarter. I took part in a source exchange with a senior physicist and then carried out the source strength verification myself.

**Measurement:** reference air kerma rate (RAKR) measured with a well-type ionisation chamber and electrometer, both with calibrations traceable to the national standards laboratory. I found the sweet spot by stepping the source through the chamber insert in 2 mm steps, then took five readings at the maximum, corrected for temperature, pressure and the chamber's calibration factor and decay.

**Result:** measured RAKR differed from the manufacturer's certificate by −1.2%. Our tolerance is ±3%; the measured value, not the certificate value, was entered in the planning system, as our procedure requires.

**Other checks:** source positional accuracy with an autoradiograph (within 1 mm), timer linearity, emergency retraction and interlocks, and the survey meter check around the room after the exchange.

I wrote up the calibration record and entered the new source in the planning system under the supervision of the senior physicist, who performed the independent check.`,
    reflection: `Brachytherapy was new to me, and the speed of the source exchange, with the old source in its transport container and the new one loaded, made me very aware of the radiation protection side. I watched the exchange and asked about every step before doing the measurement myself.

The measurement itself was more straightforward than linac dosimetry, but the consequence of an error is direct: every treatment time is calculated from the RAKR. That is why we enter our own measured value. I would like to do a full exchange under supervision next quarter.`,
    claims: [
      {
        area: 'Tech3',
        statement:
          'I measured the reference air kerma rate of a new HDR source with a well chamber and completed the positional and safety checks.',
      },
      {
        area: 'Sci1',
        statement:
          'I understand the physics of source strength specification and why the measured RAKR, not the certificate, is used for treatment times.',
      },
      {
        area: 'Prof4',
        statement:
          'I carried out the measurement myself but left the source exchange and the final independent check to the senior physicist, as I am not yet trained for them.',
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'cied-case-study',
    title: 'Case study: radiotherapy for a patient with a cardiac implantable electronic device',
    startDaysAgo: 370,
    days: 35,
    evidenceType: 'case-study',
    role: 'contributed',
    description: `An anonymised case in which I provided the physics input for a patient with a pacemaker who needed radical radiotherapy to the chest wall. No identifying details are recorded here.

**Clinical situation.** The patient was pacing-dependent. The planned treatment field was close to the device, and the clinical oncologist asked physics for the expected dose to the device and the risk category.

**What I did.**

- Located the device on the planning CT and outlined it, with a margin for its leads near the field.
- Estimated the maximum dose to the device from the plan: 1.4 Gy over the course, with the device about 3 cm from the field edge. Because out-of-field doses are underestimated by the planning system, I added a measured correction from our own out-of-field measurements.
- Confirmed the beam energy was 6 MV so that neutron production, which increases the risk of device malfunction, was not a concern.
- Using the national guidance on radiotherapy for patients with cardiac devices, with the patient's pacing dependence, I classified the case as medium risk.

**Outcome.** The cardiac physiology team checked the device before treatment, weekly during treatment and after the course; no change in function was seen. The patient completed treatment without interruption.`,
    reflection: `This case made me see physics advice as part of a patient's care rather than a number on a form. The oncologist needed a clear answer, and I had to explain that the planning system's out-of-field dose is not reliable and how I had corrected it.

Working with the cardiac physiologists was new: they wanted dose and energy, but also the timing of treatment so they could plan checks. I now understand why the guidance combines dose, energy and pacing dependence into one risk category. I would like to write a local summary of the out-of-field correction so others can use it.`,
    claims: [
      {
        area: 'Clin3',
        statement:
          'I understood the wider clinical situation, including pacing dependence, and how it shaped the radiotherapy pathway for this patient.',
        competencies: ['Clin-SC1'],
      },
      {
        area: 'Clin5',
        statement:
          'I recognised the consequences of my dose estimate for the risk category and the cardiac monitoring the patient received.',
        competencies: ['Clin-SC2'],
      },
      {
        area: 'Clin2',
        statement:
          'I interpreted the plan and out-of-field data into a dose estimate and risk category for the oncologist and the cardiac team.',
        competencies: ['Clin-SC4'],
      },
      {
        area: 'Sci5',
        statement:
          'I identified that the clinical decision was the level of device monitoring, and tailored my estimate to answer that question.',
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'external-audit',
    title: 'External dosimetry audit: regional reference dosimetry audit of Linac 3',
    startDaysAgo: 340,
    days: 2,
    evidenceType: 'audit',
    role: 'led',
    description: `Every few years each radiotherapy centre in our region takes part in an external dosimetry audit organised by the regional audit network, in which physicists from a neighbouring centre independently measure our beam outputs with their own equipment.

I was the host physicist for the audit of Linac 3. My role:

- prepared the linac and water phantom and provided our current calibration records and beam quality values;
- performed our own measurement side by side with the auditors, each with our own chamber, electrometer and barometer;
- compared results and uncertainty budgets with the auditors.

| Beam | Ours vs reference | Auditors vs reference | Difference |
| --- | --- | --- | --- |
| 6 MV | +0.3% | +0.1% | 0.2% |
| 10 MV | −0.2% | −0.6% | 0.4% |
| 6 MeV | +0.5% | +0.9% | −0.4% |
| 12 MeV | +0.1% | −0.3% | 0.4% |

All differences were within the audit's optimal level (±1% for photons, ±2% for electrons). I compared my uncertainty budget with the auditors': theirs included a component for barometer calibration that mine had missed, which I have since added.`,
    reflection: `Being the host physicist was a useful test of my own calibration work, because the auditors questioned every correction factor. I felt exposed at first, but the agreement gave me confidence that my reference dosimetry is sound.

The most useful outcome was the barometer: a 1 hPa error is a 0.1% dose error, and our barometer check was informal. I set up a comparison against the hospital's calibrated barometer every quarter. Audits find the things you no longer notice.`,
    claims: [
      {
        area: 'Prof6',
        statement:
          'I hosted an external dosimetry audit and acted on its findings, which is part of our accreditation and clinical governance.',
        competencies: ['Prof-SC6'],
      },
      {
        area: 'Sci6',
        statement:
          "I judged the agreement between our dosimetry and the auditors' against the audit levels and explained each difference.",
      },
      {
        area: 'Clin1',
        statement:
          'I related the audit agreement of better than 1% to the accuracy required of the dose delivered to patients.',
      },
      {
        area: 'Tech5',
        statement:
          'I recognised external audit as the independent check at the top of the QA programme and improved our barometer checks as a result.',
        competencies: ['Tech-SC3'],
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'qa-committee',
    title: 'Radiotherapy QA committee: minutes and my report on the linac QA summary',
    startDaysAgo: 320,
    evidenceType: 'meeting-minutes',
    role: 'contributed',
    description: `Extract from the minutes of the quarterly radiotherapy QA committee (physics, radiographers, engineers, clinical lead), for the items where I reported.

**Item 4: Linac QA summary for the quarter.** I presented the results of daily, monthly and annual QA for the four linacs. All within tolerance except: one daily output failure on Linac 2 after a service (see the magnetron near miss), and a repeated MLC warning on Linac 3, resolved by a leaf motor change. I showed the output trend charts with control limits.

**Item 5: Tolerance review.** I proposed tightening the MLC action level for stereotactic treatments to ±0.5 mm, keeping ±1 mm for conventional work. Agreed; action for me to update the QA manual.

**Item 7: Equipment downtime.** The engineering lead reported downtime; I noted that QA time after unplanned repairs is not recorded separately, and the committee asked physics to add it to the QA database.

Actions assigned to me: update the QA manual (done in four weeks), add a repair-QA category to the database (done).`,
    reflection: `My first time presenting at the committee. It went fine and both actions were done.`,
    claims: [
      {
        area: 'Prof7',
        statement:
          'I reported linac QA results to the multidisciplinary QA committee and took on and completed two actions from it.',
      },
      {
        area: 'Com1',
        statement:
          'I represented physics at the committee and proposed a change of MLC action level with the evidence for it.',
      },
      {
        area: 'Prof6',
        statement:
          'I contributed to the governance of the QA programme through the committee and kept the QA manual current.',
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'sgrt-review',
    title: 'Literature review: surface-guided radiotherapy (SGRT) for breast and stereotactic set-up',
    startDaysAgo: 300,
    days: 60,
    evidenceType: 'scientific-report',
    role: 'led',
    description: `The department is considering surface-guided radiotherapy for deep-inspiration breath-hold (DIBH) breast treatments and for open-face masks in intracranial stereotactic radiotherapy. I wrote a literature review to inform the business case.

**Search:** two bibliographic databases for the past ten years, with terms for surface guidance, optical surface imaging, DIBH and frameless stereotactic treatment; 64 papers screened, 23 included. I also read the AAPM TG-302 report on SGRT.

**Findings:**

- *Breast DIBH:* SGRT allows breath-hold monitoring without markers and gating of the beam; studies reported reduced mean heart dose compared with free breathing and comparable set-up accuracy to tattoo-based set-up, with fewer imaging corrections.
- *Intracranial SRS with open-face masks:* intra-fraction motion monitoring detected movements that would otherwise go unnoticed; most studies reported agreement with CBCT within 1 mm and 1°, but agreement depends on the region of interest chosen.
- *Limitations:* the surface is a surrogate for internal anatomy; agreement degrades for patients with large breasts or changing swelling, and skin colour and room lighting can affect camera performance, which some studies did not report.
- *QA:* TG-302 recommends daily, monthly and annual tests, including a static phantom check and end-to-end tests.

I concluded that SGRT is well supported for DIBH breast, with more limited but promising evidence for SRS, and proposed a QA programme outline.`,
    reflection: `I had written literature reviews at university, but this one had to answer a practical question for people making a spending decision. I learned to grade the evidence rather than summarise it: many SGRT papers were single-centre and vendor-supported, which I pointed out.

Reading about the effect of skin tone on camera performance made me think about equity in technology choices; I included it in the review because a system that works less well for some patients is a safety and fairness issue. My supervisor challenged my first conclusion as too enthusiastic, and I rewrote it in more measured terms.`,
    claims: [
      {
        area: 'R&D1',
        statement:
          'I searched, screened and critically appraised 23 papers and the TG-302 report, grading the strength and limitations of the evidence.',
        competencies: ['R&D-SC2'],
      },
      {
        area: 'Sci3',
        statement:
          'I integrated the evidence on SGRT into a recommendation and an outline QA programme for the department.',
        competencies: ['Sci-SC3'],
      },
      {
        area: 'Clin6',
        statement:
          'I reviewed the evidence for SGRT in breath-hold breast and stereotactic treatments to inform a change in clinical practice.',
        competencies: ['Clin-SC5'],
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'msc-governance',
    title: 'Research governance: registering my MSc project as a service evaluation',
    startDaysAgo: 445,
    days: 14,
    evidenceType: 'other',
    role: 'led',
    description: `Before starting the data collection for my MSc project (EPID-based in vivo dosimetry for VMAT prostate treatments), I had to establish what governance approvals it needed.

Steps I took:

1. Used the national research decision tool, which indicated that the project is not research requiring ethics committee review: it evaluates a service we already provide, with no change to patient care and no randomisation.
2. Registered the project with the Trust's clinical audit and service evaluation office, describing the data used: EPID images acquired routinely during treatment and the corresponding planned doses.
3. Completed a data protection screening with the information governance team. Data are pseudonymised in the clinical system before export; the key stays in the department; only course sequence numbers and dose values leave the system.
4. Agreed with my university supervisor that the MSc dissertation would contain only aggregated results.

The project was approved by the service evaluation office within two weeks.`,
    reflection: `I had assumed that any project with patient data needed ethical approval, and I was surprised by how clearly the decision tool separates research from service evaluation. Working through the data protection screening forced me to decide exactly what data I needed, which made the project design tighter.

I now see governance as part of designing a project, not paperwork at the end.`,
    claims: [
      {
        area: 'R&D2',
        statement:
          'I defined the aims and data requirements of my MSc project precisely enough to decide and document its governance route.',
        competencies: ['R&D-SC3'],
      },
      {
        area: 'Prof3',
        statement:
          'I ensured the project met data protection requirements, with pseudonymised data and only aggregated results in the dissertation.',
        competencies: ['Prof-SC14'],
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'cpd-meetings',
    title: 'CPD: national radiotherapy physics meeting and an SGRT workshop',
    startDaysAgo: 265,
    days: 3,
    evidenceType: 'cpd-record',
    role: 'observed',
    description: `Record of a national radiotherapy physics meeting (two days) and a half-day SGRT workshop I attended, with what I took from each.

**Sessions attended and learning points:**

- *Adaptive radiotherapy:* online adaptive workflows on CBCT and MR-linac; the physics workload of daily re-planning and how centres have redesigned patient-specific QA for it.
- *Small-field dosimetry update:* practical experience of TRS-483 output correction factors; several centres found large differences with older detector-specific corrections, which I checked against our own data afterwards.
- *Incident learning:* a session on national radiotherapy error reporting; most reported errors were in pre-treatment processes rather than delivery.
- *SGRT workshop:* hands-on use of two SGRT systems with a phantom, including the effect of region-of-interest choice on the reported shift.

I presented a summary of the adaptive and small-field sessions at our physics section meeting.`,
    reflection: `The meeting broadened my view of where the specialty is going, especially adaptive radiotherapy, which we do not yet offer. The small-field session was directly useful: I checked our output factors against the TRS-483 correction factors and found one detector where our older correction differed by 1.5%, which I reported to the lead physicist.

The SGRT workshop let me test what I had read in my literature review. I plan to keep a short written note after each CPD event so I can see what I actually changed as a result.`,
    claims: [
      {
        area: 'Prof9',
        statement:
          'I attended national CPD events, recorded the learning and used it to check our own small-field data.',
        competencies: ['Prof-SC9'],
      },
      {
        area: 'Sci3',
        statement:
          'I kept up with developments in adaptive radiotherapy and small-field dosimetry and shared them with my section.',
        competencies: ['Sci-SC3'],
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'workload-reflection',
    title: 'Reflection on workload during the bunker project and my MSc write-up',
    startDaysAgo: 230,
    days: 60,
    evidenceType: 'reflection',
    role: 'led',
    description: `Over two months my commitments overlapped: routine QA on the rota, the radiation protection work for the new bunker, and the write-up of my MSc dissertation with a fixed university deadline.

What happened: I kept saying yes to extra tasks on the bunker project because I found them interesting and wanted to be seen as reliable. By the sixth week I was working most evenings, my sleep was poor and I missed a monthly QA slot that I had to rearrange. No patient-facing work was affected, but the missed slot was a warning sign.

What I did: I listed all my commitments with their deadlines and took the list to my supervisor. Together we agreed to move my bunker tasks to a colleague for three weeks, protect two study days a week until the dissertation deadline, and keep my QA rota unchanged. I also used the Trust's staff wellbeing service for two sessions on managing workload.`,
    reflection: `**Feelings.** I was embarrassed to admit I was struggling, because I associated asking for help with not coping.

**Evaluation.** The list of commitments was the turning point: once it was written down, it was obvious that the plan was impossible, and my supervisor's response was practical rather than judgemental.

**Analysis.** I had been prioritising what was interesting and visible over what was fixed and important. The missed QA slot showed that overwork can affect safety-critical routine work first.

**Action.** I now review my commitments weekly and raise conflicts at supervision before they become a problem. I know how to reach the wellbeing service and have recommended it to another trainee.`,
    claims: [
      {
        area: 'Prof5',
        statement:
          'I recognised that my workload had become unmanageable, re-prioritised with my supervisor and sought support from the wellbeing service.',
        competencies: ['Prof-SC12'],
      },
      {
        area: 'PS5',
        statement:
          'I took the initiative to map my commitments and propose a realistic plan rather than waiting for a deadline to be missed.',
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'bunker-risk-assessment',
    title: 'Radiation risk assessment for the construction of the new linac bunker',
    startDaysAgo: 215,
    days: 50,
    evidenceType: 'risk-assessment',
    role: 'contributed',
    description: `A fifth linac bunker is being built next to the existing Bunker 4, which stays in clinical use during construction. I contributed to the radiation risk assessment required under IRR17 for the construction phase and to the shielding review.

**My contributions:**

- Checked the shielding design calculations for the new bunker against IPEM Report 75 and NCRP Report 151 methods, for a 10 MV machine: primary and secondary barriers, maze and door, with the workload and use factors supplied by the planning team. My independent calculation agreed with the consultant's within 5% for all barriers.
- Identified the construction-phase hazard: workers on the roof and in the excavation next to Bunker 4 could be in areas where the instantaneous dose rate is above that of an uncontrolled area when Bunker 4 is treating.
- Measured dose rates at the proposed working positions with Bunker 4 delivering its highest-output field, and plotted them on the site plan.
- Proposed controls: restricted working zones during clinical hours, a permit-to-work linked to the linac schedule, and weekly dose-rate checks as construction changes the shielding around the existing bunker.

The Radiation Protection Adviser reviewed and approved the assessment, and the controls were written into the contractor's method statement.`,
    reflection: `This was the first time I applied radiation protection calculations to people who are not radiation workers and who do not know the hazard. The contractors' questions were very practical ("can we use the crane on Tuesday?"), which showed me that a risk assessment has to translate into simple rules.

My independent shielding calculation was slow, but agreeing with the consultant within 5% gave me confidence in both. I learned where the RPA's role begins and mine ends: I did the measurements and drafted the controls; the RPA gave the formal advice.`,
    claims: [
      {
        area: 'Tech2',
        statement:
          'I applied IRR17, IPEM Report 75 and NCRP 151 to check the shielding design and the construction-phase controls for a new bunker.',
        competencies: ['Tech-SC6'],
      },
      {
        area: 'PS1',
        statement:
          'I identified the hazard to construction workers next to an operating bunker and measured the dose rates to assess it.',
        competencies: ['PS-SC1'],
      },
      {
        area: 'Prof7',
        statement:
          'I worked with the RPA, the estates team and the contractor to turn the assessment into a permit-to-work and working zones.',
      },
    ],
    review: { status: 'awaiting', sentDaysAgo: 34 },
  },
  {
    key: 'msc-abstract',
    title: 'MSc project abstract: EPID-based in vivo dosimetry for VMAT prostate treatments',
    startDaysAgo: 420,
    days: 260,
    evidenceType: 'project-abstract',
    role: 'led',
    description: `**Background.** Patient-specific QA before treatment does not detect errors that arise during the course, such as anatomical change or set-up error. EPID-based in vivo dosimetry can compare the dose delivered at each fraction with the plan. Our department had installed a commercial EPID dosimetry system but had not evaluated its sensitivity for VMAT prostate treatments.

**Aims.** To measure the system's sensitivity to deliberately introduced errors and to set evidence-based action levels for in vivo results.

**Methods.** An anthropomorphic pelvis phantom was treated with 10 clinical VMAT prostate plans. Errors were introduced: MU changes of 2–5%, MLC bank shifts of 1–3 mm and phantom shifts of 3–10 mm. The system's gamma results (3%/3 mm, global) and isocentre dose difference were recorded. Service data from 60 courses of treatment, pseudonymised, were analysed to find the distribution of results without introduced errors.

**Results.** MU errors of 3% or more and MLC shifts of 2 mm or more were detected with the current action level in 95% of cases; phantom shifts below 5 mm were not reliably detected. In clinical data, 4% of fractions exceeded the action level, mostly explained by rectal gas.

**Conclusions.** The system detects clinically relevant dosimetric errors but not small set-up errors, which remain the job of image guidance. I proposed action levels based on the clinical distribution.`,
    reflection: `The project taught me the whole cycle: turning a vague question ("does this system work?") into measurable aims, designing experiments, and interpreting results that were not what I expected. I had hoped the system would catch small set-up errors; it did not, and explaining why was the most interesting part of the write-up.

My main criticism of my own study is the phantom: it has no moving anatomy, so it cannot reproduce the rectal gas effects seen clinically. I would add a deformable element in a future study.`,
    claims: [
      {
        area: 'R&D2',
        statement: 'I turned a broad service question into specific aims and measurable outcomes for my MSc project.',
        competencies: ['R&D-SC4'],
      },
      {
        area: 'R&D4',
        statement:
          'I designed and performed the phantom experiments with introduced errors and analysed the sensitivity results statistically.',
      },
      {
        area: 'R&D5',
        statement:
          'I appraised my results against published EPID dosimetry studies and identified the limitations of a rigid phantom.',
        competencies: ['R&D-SC5', 'R&D-SC6'],
      },
      {
        area: 'Sci3',
        statement: 'I integrated the project findings into proposed local action levels for in vivo dosimetry.',
        competencies: ['Sci-SC5'],
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'small-field-uncertainty',
    title: 'Uncertainty budget for small-field output factors used in stereotactic planning',
    startDaysAgo: 190,
    days: 30,
    evidenceType: 'data-analysis',
    role: 'led',
    description: `Following the small-field session at the national meeting, I re-measured our output factors for MLC-defined fields from 1 × 1 to 4 × 4 cm² with two detectors (an unshielded diode and a synthetic diamond detector) and applied the TRS-483 output correction factors.

**Results.** After correction, the two detectors agreed within 1.0% down to 2 × 2 cm² and within 2.1% at 1 × 1 cm². Our existing data for 1 × 1 cm², measured before TRS-483 corrections were available, were 1.6% higher than the new mean.

**Uncertainty budget for the 1 × 1 cm² output factor (k = 1):**

| Component | u (%) |
| --- | --- |
| Detector positioning (0.3 mm lateral) | 1.0 |
| Output correction factor (TRS-483) | 1.0 |
| Field size reproducibility (jaw/MLC) | 0.8 |
| Reading repeatability | 0.3 |
| Reference field reading | 0.2 |
| **Combined** | **1.7** |

The expanded uncertainty (k = 2) of 3.4% is larger than the difference I found, but a systematic 1.6% error in stereotactic treatments matters. I recommended updating the beam model's small-field output factors to the new mean and adding a tighter positioning method (scanning to find the maximum) to the measurement protocol.`,
    reflection: `This piece of work showed me how quickly uncertainty grows as fields get smaller: positioning, which was a minor term in reference dosimetry, is the largest term here. Building the budget made it clear that the difference I had found was inside the uncertainty, so I had to argue the case for change on the systematic nature of the old correction, not on the size of the difference.

I still need to check the effect of the update on the stereotactic plans, which is why I have not claimed the clinical impact yet.`,
    claims: [
      {
        area: 'Sci2',
        statement:
          'I built an uncertainty budget for small-field output factors and showed how positioning dominates at the smallest field.',
        competencies: ['Sci-SC6'],
      },
      {
        area: 'Sci1',
        statement:
          'I applied my understanding of detector perturbation and volume averaging in small fields to choose detectors and corrections.',
      },
      {
        area: 'R&D4',
        statement:
          'I measured with two independent detectors and analysed their agreement after correction to test the data.',
      },
      {
        area: 'Tech4',
        statement:
          'I traced a discrepancy in our small-field data to outdated detector corrections and proposed a revised protocol.',
      },
    ],
    review: { status: 'partly', verify: ['Sci1', 'Sci2'] },
  },
  {
    key: 'poster',
    title: 'Conference poster: sensitivity of EPID in vivo dosimetry to delivery errors in VMAT',
    startDaysAgo: 150,
    days: 2,
    evidenceType: 'publication-presentation',
    role: 'led',
    description: `I presented the main results of my MSc project as a poster at a national medical physics conference.

**My contribution:** I wrote the abstract, which was accepted after peer review, designed the poster and presented it at the poster session; my MSc supervisor and my clinical supervisor are co-authors and reviewed the drafts.

**Poster content:**

- the question: can EPID in vivo dosimetry detect delivery errors in VMAT prostate treatments?
- the phantom experiment with introduced MU, MLC and set-up errors;
- a sensitivity chart for each error type at our action level;
- the clinical distribution of results from 60 courses;
- the conclusion that the system detects dosimetric but not small geometric errors, with a proposed local action level.

**At the session** about twenty people stopped to discuss it. Two centres using the same system asked for our action levels, and one physicist pointed out that a 3%/3 mm criterion may be too lenient for hypofractionated prostate treatments, which I have noted as further work.`,
    reflection: `Designing the poster forced me to decide what the one message was; my first draft had six graphs and no conclusion a passer-by could read. Presenting it was less nerve-racking than I expected, because the conversations were with people who use the same systems and had the same questions.

The challenge about hypofractionation was the most valuable comment I received, and it has given me a follow-up question for the department.`,
    claims: [
      {
        area: 'Com4',
        statement:
          'I communicated the outcome of my MSc project to a national audience and followed up with two centres who asked for our action levels.',
      },
      {
        area: 'Com5',
        statement:
          'I designed and presented a poster at a national conference and answered questions from peers at the poster session.',
        competencies: ['Com-SC3'],
      },
      {
        area: 'R&D5',
        statement:
          "I took a peer's challenge about hypofractionation into account and identified it as further work for the project.",
      },
    ],
    review: { status: 'awaiting', sentDaysAgo: 30 },
  },
  {
    key: 'array-procurement',
    title: 'Procurement specification: a 2D ionisation chamber array for patient-specific QA',
    startDaysAgo: 135,
    days: 40,
    evidenceType: 'specification-procurement',
    role: 'led',
    description: `Our two ionisation chamber arrays for patient-specific QA are ten years old and one is failing its constancy checks. I wrote the user requirement specification for their replacement and scored the bids technically.

**Specification (main requirements):**

- detector spacing of 5 mm or less over at least 25 × 25 cm², with a rotating mount or a gantry-angle sensor for VMAT measurements;
- dose linearity and dose-rate dependence within 1%, including for flattening-filter-free beams;
- software that imports plans from our planning system, performs gamma analysis to TG-218 recommendations and exports results to our QA database;
- compatibility with the department's network security requirements;
- training, service and warranty terms.

**Evaluation.** Three bids were received. I arranged a two-day loan of the two shortlisted devices and measured the same five clinical plans with each, comparing results with our existing array and with film. I scored each bid against the weighted technical criteria agreed with the section lead.

**Outcome.** My technical recommendation went to the section lead, who carried out the financial appraisal and made the final recommendation to the procurement panel.`,
    reflection: `Writing a specification was harder than I expected: it is easy to describe the device you already like, which would not be a fair procurement. I rewrote several requirements as measurable performance criteria rather than features of one product.

The loan measurements were the most convincing part of the evaluation, because they showed how each device behaved with our own plans. I did not take part in the financial appraisal; I would like to see how whole-life costs are calculated next time.`,
    claims: [
      {
        area: 'Tech1',
        statement: 'I set technical requirements for a QA array that reflect how VMAT and FFF beams are measured.',
      },
      {
        area: 'Sci4',
        statement:
          'I compared two devices by measuring the same clinical plans with each, giving an evidence-based technical recommendation.',
      },
      {
        area: 'Prof2',
        statement:
          'I justified my technical scoring of each bid against agreed criteria and documented the reasons for my recommendation.',
      },
      {
        area: 'Com1',
        statement:
          'I represented the physics section in discussions with suppliers while keeping to the procurement rules.',
      },
    ],
    review: { status: 'awaiting', sentDaysAgo: 21 },
  },
  {
    key: 'msf-feedback',
    title: 'Reflection on multi-source feedback from radiographers, planners and physicists',
    startDaysAgo: 120,
    days: 30,
    evidenceType: 'msf-reflection',
    role: 'led',
    description: `As part of my annual appraisal I asked ten colleagues for feedback through Attain: four therapeutic radiographers, two dosimetrists, three physicists and one engineer. Each had their own link to an anonymous form with eight questions on a five-point scale and room for what I do well and what I could develop. Eight answered, one declined and one did not reply before I closed the round; the combined results go with this item.

**What stood out:**

- Team working, taking responsibility and respect were rated highest, mostly "above what I expect".
- Explaining physics to colleagues who are not physicists was rated lowest: three colleagues rated it "what I expect" and one "below".
- Several comments said I follow QA issues through and tell the team the outcome; two said I give all the background before the answer at the console.

I discussed the results with my supervisor and agreed a development action: when asked for advice at the treatment console, give the answer first and the explanation after.`,
    reflection: `The lowest score, for explaining physics to non-physicists, surprised me, because I enjoy teaching. The comment about giving the background first explained it: at the console, a radiographer needs "yes, treat" or "no, hold the unit", not the reasoning first.

I have been practising the answer-first approach, and I noticed it in myself during the couch investigation. I will repeat the feedback next year to see whether it has changed.`,
    claims: [
      {
        area: 'Com3',
        statement:
          'I sought feedback on how I communicate with radiographers and changed how I give advice at the console as a result.',
        competencies: ['Com-SC1'],
      },
      {
        area: 'Prof7',
        statement:
          'I received high ratings for teamwork from across the multidisciplinary team and reflected on how I contribute to it.',
      },
      {
        area: 'Prof2',
        statement:
          'I took responsibility for a development action arising from the feedback and agreed it with my supervisor.',
      },
    ],
    review: { status: 'awaiting', sentDaysAgo: 18 },
  },
  {
    key: 'stereotactic-mdt',
    title: 'Stereotactic MDT: physics input on brain metastases treatment planning',
    startDaysAgo: 105,
    days: 60,
    evidenceType: 'meeting-minutes',
    role: 'contributed',
    description: `Over two months I attended the weekly stereotactic multidisciplinary meeting with the stereotactic physics lead. The meeting (clinical oncologists, neuroradiologist, physicists, radiographers and dosimetrists) reviews each new referral for intracranial stereotactic treatment and the plans before approval. Nothing identifying any patient is recorded here.

My contributions, from the action log:

- Presented the physics feasibility of treating multiple metastases with a single-isocentre plan, including the effect of rotational set-up error on targets far from the isocentre: for a 1° rotation, a target 6 cm from the isocentre moves by about 1 mm.
- Reported plan quality metrics (conformity index, gradient index) for the week's plans.
- Took an action to compare the single-isocentre approach with separate isocentres for a complex case, which I completed for the following meeting.`,
    reflection: `The MDT showed me how physics advice feeds into the decision to treat and how it is delivered. My rotational error calculation was simple, but it changed one plan to two isocentres.`,
    claims: [
      {
        area: 'Clin4',
        statement:
          "I contributed physics input to the MDT's choice between single- and multiple-isocentre plans for multiple metastases.",
      },
      {
        area: 'Com1',
        statement:
          'I presented physics feasibility and plan quality metrics at the stereotactic MDT to clinicians and radiographers.',
      },
      {
        area: 'Prof7',
        statement:
          'I contributed to the stereotactic multidisciplinary team over two months and completed the actions assigned to me.',
      },
    ],
    review: { status: 'awaiting', sentDaysAgo: 14 },
  },
  {
    key: 'supervision-reflection',
    title: 'Reflection on supervision: what I have learned from a year of monthly meetings',
    startDaysAgo: 365,
    days: 345,
    evidenceType: 'reflection',
    role: 'led',
    description: `Since the start of my second year I have had monthly supervision meetings with my clinical supervisor, as well as weekly informal check-ins. This reflection looks back on a year of those meetings.

**How supervision is structured:**

- a standing agenda: portfolio progress against the framework, work since the last meeting, anything that went wrong, and wellbeing;
- written notes, which I draft and my supervisor approves;
- a review of one piece of evidence each month.

**What changed over the year:**

- In the first months I brought only completed work. My supervisor encouraged me to bring problems that were still open, which is where the meetings became most useful (for example, the small-field discrepancy).
- I began to set the agenda myself and to arrive with the evidence I wanted reviewed.
- We used supervision to plan my workload when the bunker project and my MSc overlapped.

**Supervising others.** This year I started supporting a new trainee with their first QA sessions, and I have tried to use the same approach: regular, structured, with room to bring unfinished problems.`,
    reflection: `Looking back, the most valuable thing my supervisor, Dr Okafor, did was to ask "what would you do?" before giving an answer. At first I found it frustrating; now I see that it built my confidence in my own judgement, and it is the question I now ask the trainee I support.

I was also slow to use supervision for anything other than technical work. Raising my workload problem was uncomfortable, but it showed me that supervision is also about sustaining the person doing the work. I want to keep the structure when I am supervising others, and to ask for feedback on my own supervision.`,
    claims: [
      {
        area: 'Prof8',
        statement:
          'I reflected on a year of structured supervision and applied the same approach when supporting a new trainee.',
        competencies: ['Prof-SC7'],
      },
      {
        area: 'Prof9',
        statement:
          'I used supervision to direct my own learning, setting the agenda and choosing the evidence to be reviewed.',
      },
      {
        area: 'Prof1',
        statement:
          'I reflected on the HCPC expectation to seek and use supervision, and on how my use of it has matured.',
      },
    ],
    review: { status: 'awaiting', sentDaysAgo: 9 },
  },
  {
    key: 'psqa-audit',
    title: 'Audit of patient-specific QA results for VMAT plans over twelve months',
    startDaysAgo: 95,
    days: 40,
    evidenceType: 'audit',
    role: 'led',
    description: `Every VMAT plan in our department is measured with a 2D ionisation chamber array before the first fraction. I audited twelve months of results to see whether our action levels and workload are appropriate.

**Standard:** AAPM TG-218 recommends a universal tolerance of 95% and an action limit of 90% (3%/2 mm, 10% threshold, global normalisation).

**Data:** 1,246 plan measurements exported from the QA database (no patient identifiers; plans identified by treatment site and a sequence number only).

| Site | Plans | Median pass rate | Below 95% | Below 90% |
| --- | --- | --- | --- | --- |
| Prostate and pelvis | 412 | 99.6% | 4 | 0 |
| Head and neck | 298 | 98.1% | 19 | 3 |
| Thorax | 231 | 99.0% | 8 | 1 |
| Brain | 177 | 99.4% | 3 | 0 |
| Other | 128 | 99.2% | 5 | 1 |

**Findings:**

- 39 plans (3.1%) fell below the tolerance; head and neck accounted for almost half.
- All five plans below 90% were highly modulated (high MU per Gy); three were re-planned and two passed on re-measurement after set-up correction.
- Median time per measurement was 35 minutes.

I concluded that our action levels are consistent with TG-218 and proposed that the planning team add a modulation check to the plan review so that highly modulated plans are reconsidered before measurement.`,
    reflection: `Auditing a whole year of data showed patterns invisible plan by plan: head and neck plans are much more likely to fail, and the failures are associated with modulation. I enjoyed working with the planning team to understand the re-planned cases.

I found the statistics harder than expected: the pass rates are far from normally distributed, so I used medians and counts rather than means.`,
    claims: [
      {
        area: 'Sci6',
        statement:
          'I judged the effectiveness of our patient-specific QA by auditing 1,246 measurements against TG-218 and identifying where it fails.',
      },
      {
        area: 'Tech5',
        statement: 'I audited our PSQA tolerance and action levels against AAPM TG-218.',
        competencies: ['Tech-SC3'],
      },
      {
        area: 'Prof6',
        statement:
          'I carried out a clinical audit of a core physics process and took its recommendations to the planning team.',
        competencies: ['Prof-SC4'],
      },
      {
        area: 'Clin4',
        statement:
          'I proposed adding a modulation check to plan review so that plans likely to fail are reconsidered before measurement.',
      },
    ],
    review: {
      status: 'changes',
      sentDaysAgo: 24,
      verify: ['Sci6', 'Prof6', 'Clin4'],
      changes: [
        {
          area: 'Tech5',
          comment:
            'This says what you audited but not what you learned about QA principles. Say what the audit showed about the tolerance and action levels themselves, and what you would change in the QA programme.',
        },
      ],
      thread: [
        {
          by: 'mentor',
          body: 'A good audit, and the site table is exactly what an assessor wants to see. Two points before I verify Tech5:\n\n1. Your claim only restates the standard; tell the assessor what the audit taught you about setting tolerances.\n2. Did any plan pass at 3%/2 mm but show a systematic offset in the dose-difference map? That would say something about the sensitivity of the test.',
          daysAfterDecision: 0,
        },
        {
          by: 'trainee',
          body: 'Thank you. I looked back at the five lowest head and neck plans: two had a consistent +2% offset in the high-dose region while still passing at 95%. I will add that to the description and rewrite the Tech5 claim around it.',
          daysAfterDecision: 2,
        },
        {
          by: 'mentor',
          body: 'That is the point to make. It also links nicely to your 2%/2 mm re-analysis in the TPS validation item; cross-reference it.',
          daysAfterDecision: 3,
        },
      ],
    },
  },
  {
    key: 'psqa-failure-case',
    title: 'Case study: a failed patient-specific QA measurement for a head and neck VMAT plan',
    startDaysAgo: 80,
    days: 10,
    evidenceType: 'case-study',
    role: 'led',
    description: `An anonymised case from my patient-specific QA duties. No identifying details are recorded.

**Situation.** A radical head and neck VMAT plan (three dose levels, simultaneous integrated boost) failed its pre-treatment measurement: gamma pass rate 88.4% at 3%/2 mm, below our 90% action limit. The patient was due to start treatment in three days.

**Investigation.**

1. Repeated the measurement after re-checking the array set-up and calibration: 88.9%, so not a set-up error.
2. Measured a reference open field and a standard test plan to confirm the array and linac were performing normally: both passed.
3. Examined the plan: 2.9 MU per cGy (our median for head and neck is 2.1) and many small, off-axis MLC apertures, where the planning system's modelling of leaf ends is least accurate.
4. Measured at the two lowest-passing control-point regions with a small chamber: the planning system overestimated dose by 3.5% in a low-dose region near the spinal cord, but was within 1% in the high-dose target.

**Advice.** I explained to the planner and the clinical oncologist that the failure was due to modulation and that the target dose was accurate, but that the discrepancy was in the region of the spinal cord. I recommended re-planning with a modulation constraint. The new plan passed at 98.7%, and treatment started on the planned date.`,
    reflection: `This was the first time I had to give advice that could delay a patient's treatment. I felt the pressure of the start date, but following a structured investigation meant I could give a clear answer with confidence.

Explaining the result to the oncologist, I remembered my feedback and gave the conclusion first: "the target dose is right, the cord region is not, please re-plan". The case also became one of the examples in my PSQA audit.`,
    claims: [
      {
        area: 'Clin2',
        statement:
          'I interpreted a failed QA measurement into clear advice on whether the plan was safe to treat and what should change.',
        competencies: ['Clin-SC4'],
      },
      {
        area: 'PS3',
        statement:
          'I used my knowledge of MLC modelling and plan modulation to identify the cause of the failed measurement.',
        competencies: ['PS-SC2'],
      },
      {
        area: 'Sci6',
        statement:
          'I judged the clinical significance of the discrepancy by locating it relative to the target and the spinal cord.',
      },
      {
        area: 'Com1',
        statement:
          'I explained the result and my recommendation to the planner and the clinical oncologist under time pressure.',
      },
    ],
    review: { status: 'awaiting', sentDaysAgo: 12 },
  },
  {
    key: 'reirradiation-advice',
    title: 'Correspondence: physics advice on cumulative dose for a re-irradiation case',
    startDaysAgo: 70,
    days: 5,
    evidenceType: 'correspondence',
    role: 'contributed',
    description: `A clinical oncologist asked physics for the cumulative dose to the spinal cord for a patient being considered for re-irradiation of a thoracic spine metastasis, previously treated elsewhere some years earlier. I drafted the reply to the enquiry with a senior physicist; the extract below is anonymised.

**What I did:**

- Obtained the previous treatment's dose summary (no images were available, only the prescription and the fields, from the treating centre).
- Reconstructed an estimate of the previous cord dose from the field arrangement: 20 Gy in 5 fractions, with the cord fully in the field.
- Converted both courses to EQD2 (α/β = 2 Gy for the cord): the previous 20 Gy in 5 fractions is 30 Gy EQD2; a cord maximum of 12 Gy in 2 fractions for the new course adds 24 Gy EQD2, within the commonly cited limit of 25 Gy EQD2 for that component.
- Compared the total with published re-irradiation guidance and explained the uncertainty in the previous dose estimate.

**Reply (extract):** "With the cord maximum of the new course kept to 12 Gy in 2 fractions (24 Gy EQD2, within the limit of 25 Gy EQD2 for that component), the estimated cumulative cord maximum is about 54 Gy EQD2 (α/β = 2 Gy), within the range reported as tolerated when the interval between courses is at least five months. The uncertainty in the previous dose is large because only a summary is available; we suggest planning to this conservative cord limit."`,
    reflection: `This was the first time I wrote advice that went directly into a clinical decision. The calculation was simple, but explaining its uncertainty clearly was not: I wanted to give a useful number without suggesting more confidence than we had. The senior physicist helped me phrase the uncertainty so that it informed the decision rather than hedging it.

I learned how much re-irradiation decisions depend on records from other centres.`,
    claims: [
      {
        area: 'Clin5',
        statement:
          'I understood that my cumulative dose estimate would shape the cord constraint in the new plan and stated its uncertainty clearly.',
      },
      {
        area: 'Clin2',
        statement:
          'I interpreted previous and proposed treatments into an EQD2 summation and gave a recommendation on the cord limit.',
      },
      {
        area: 'Com1',
        statement:
          'I drafted a written answer to a clinical oncologist that gave a usable number together with its limitations.',
      },
    ],
    review: { status: 'awaiting', sentDaysAgo: 6 },
  },
  {
    key: 'radiographer-teaching',
    title: 'Teaching session for therapeutic radiographers: what linac QA tells you',
    startDaysAgo: 60,
    evidenceType: 'training-delivered',
    role: 'led',
    description: `I designed and delivered a 45-minute teaching session for therapeutic radiographers as part of their in-service training programme. Fourteen radiographers attended, from newly qualified to senior.

**Aims:** to explain what the daily QA checks measure, why the tolerances are set where they are, and what to do when a result is close to or outside tolerance.

**Content:**

- how the daily output device works and what a 1%, 2% and 3% change means for a patient's dose;
- imaging isocentre coincidence and why it matters for every image match;
- the magnetron near miss, anonymised, as an example of the daily check catching a fault before a patient was treated;
- a short quiz with real (anonymised) QA results: treat, report or hold?

**Feedback** (12 forms returned): 11 rated the session "very useful"; comments asked for more examples of imaging QA failures and a one-page summary, which I have since produced and put up at each console.`,
    reflection: `Teaching radiographers was different from teaching physicists: they wanted to know what to do and why it mattered clinically, not the physics of ionisation. The quiz worked best because it made them decide, and it showed me which decisions they found difficult.

I was nervous about presenting the near miss in front of people who had been involved, so I checked with them first.`,
    claims: [
      {
        area: 'Com3',
        statement: 'Delivered the teaching session.',
      },
      {
        area: 'Com5',
        statement:
          'I designed and delivered an in-service session on linac QA for fourteen radiographers and adapted it after their feedback.',
        competencies: ['Com-SC4'],
      },
    ],
    review: { status: 'awaiting', sentDaysAgo: 3 },
  },
  {
    key: 'couch-isocentre',
    title: 'Out-of-tolerance investigation: couch and imaging isocentre coincidence drift on Linac 4',
    startDaysAgo: 45,
    days: 10,
    evidenceType: 'incident-investigation',
    role: 'led',
    description: `The monthly imaging-to-treatment isocentre coincidence check on Linac 4 read 1.8 mm, within the 2 mm tolerance for conventional treatments but above the 1 mm tolerance for stereotactic work. Stereotactic treatments on Linac 4 were moved to Linac 3 while I investigated.

**Investigation:**

- Repeated the cube phantom test at four couch angles: the offset was along the couch's lateral axis and grew with couch rotation.
- A Winston–Lutz test with couch rotation showed the couch rotation axis displaced by 1.2 mm from the radiation isocentre.
- The engineering log showed that the couch had been serviced two weeks earlier, including a recalibration of its rotation encoder.

**Actions:**

1. The engineers re-aligned the couch rotation axis; the repeat Winston–Lutz result was 0.4 mm.
2. The imaging calibration was repeated and the coincidence check read 0.5 mm.
3. I proposed adding a couch rotation Winston–Lutz to the post-service checks after any couch intervention.

Stereotactic treatments returned to Linac 4 after the senior physicist reviewed the results.`,
    reflection: `I am still writing this up. The investigation went well; the key decision was moving stereotactic work off the unit straight away, before knowing the cause. I need to check whether the post-service checklist change has been approved.`,
    claims: [
      {
        area: 'PS2',
        statement:
          'I determined that the drift was in the couch rotation axis and judged its severity separately for conventional and stereotactic work.',
      },
      {
        area: 'PS4',
        statement:
          'I moved stereotactic treatments off the unit, led the investigation to a fix and proposed a post-service check to prevent recurrence.',
        competencies: ['PS-SC5'],
      },
      {
        area: 'Tech4',
        statement: 'I used Winston–Lutz tests at several couch angles to locate the fault in the couch rotation axis.',
      },
      {
        area: 'Tech6',
        statement:
          'I confirmed that the couch and imaging isocentres were restored within tolerance before stereotactic work resumed.',
      },
    ],
    review: { status: 'draft' },
  },
  {
    key: 'trainee-tutorials',
    title: 'Physics tutorials and QA induction for a new trainee clinical scientist',
    startDaysAgo: 40,
    days: 30,
    evidenceType: 'training-delivered',
    role: 'led',
    description: `When a new trainee clinical scientist joined the radiotherapy physics section, I was asked to support their induction and to run a series of tutorials.

**What I did over four weeks:**

- four one-hour tutorials: linac basics, reference dosimetry, the QA programme and the local rules;
- supervised the trainee's first daily and monthly QA sessions, first demonstrating, then observing them and checking their results;
- introduced them to the QA database and the document control system;
- arranged for them to observe the radiotherapy pathway, as I had done in my first weeks.

At the end of the month I asked the trainee for feedback on the tutorials. They found the QA programme tutorial most useful and asked for more on the planning system, which I passed to the training lead.`,
    reflection: `Supporting someone else made me realise how much I have learned since my first weeks as a clinical technologist. I tried to use what I valued in my own supervision: asking "what would you do?" before explaining. I found it hard not to take over when the trainee was slow with the water phantom set-up, and I need to practise letting people learn by doing.`,
    claims: [
      {
        area: 'Prof8',
        statement: 'Supported a new trainee.',
        competencies: ['Prof-SC8'],
      },
      {
        area: 'Com5',
        statement:
          'I delivered four physics tutorials to a new trainee and adjusted the next one using their feedback.',
        competencies: ['Com-SC4'],
      },
    ],
    review: { status: 'draft' },
  },
  {
    key: 'cbct-dose-audit',
    title: 'Imaging dose audit: CBCT protocol doses against vendor defaults',
    startDaysAgo: 30,
    days: 14,
    evidenceType: 'audit',
    role: 'led',
    description: `Daily CBCT adds imaging dose to every course. IR(ME)R requires that exposures are optimised, and the department had never compared its CBCT protocols with the vendor defaults or published values.

**Method:** I measured the weighted CT dose index (CTDIw) for the four clinical CBCT protocols on Linac 2 and Linac 3 with a pencil chamber in head and body CTDI phantoms, and compared the results with the vendor's stated values and a published multi-centre survey.

| Protocol | Measured CTDIw (mGy) | Vendor value (mGy) | Survey median (mGy) |
| --- | --- | --- | --- |
| Head | 3.1 | 3.0 | 2.6 |
| Head and neck | 3.4 | 3.3 | 3.0 |
| Thorax | 5.8 | 5.6 | 4.2 |
| Pelvis | 18.9 | 18.5 | 16.1 |

A 100 mm pencil chamber integrates only the central 100 mm of the dose profile, so CTDI100 underestimates the dose from a wide cone beam such as CBCT, whose scatter tails reach well beyond it: these figures are comparable with the vendor's and the survey's, which are measured the same way, but they understate the absolute dose. For absolute values the approach of AAPM TG-111 (a small chamber at the centre of a long phantom, integrating the full dose profile) is the right one; I have noted this in the report.

The measured values agreed with the vendor's within 4%. The thorax and pelvis protocols were above the survey median. For the pelvis, a lower-dose protocol with the same image quality for bony and soft-tissue matching may be possible; I have started a comparison of image quality at lower exposures with the phantom.`,
    reflection: `The measurements were straightforward. What I am still thinking about is how to judge image quality for matching rather than diagnosis, which is what decides how far the dose can be reduced. A diagnostic image quality score would be the wrong test: the radiographers need to see bony landmarks and the outline of the prostate and rectum, nothing more. I plan to ask two senior radiographers to score phantom images blind at three exposure levels before I propose a change.`,
    claims: [
      {
        area: 'Sci5',
        statement:
          'I identified that CBCT image quality only needs to support the image-matching decision, which allows the dose to be optimised.',
      },
      {
        area: 'Clin6',
        statement:
          'I compared our CBCT doses with a published multi-centre survey to judge whether our protocols are justified.',
      },
      {
        area: 'R&D5',
        statement:
          'I interpreted the survey comparison and formed the next question: the lowest pelvic exposure that keeps matching quality.',
      },
    ],
    review: { status: 'draft' },
  },
  {
    key: 'srs-end-to-end',
    title: 'Stereotactic end-to-end test with an anthropomorphic head phantom',
    startDaysAgo: 20,
    evidenceType: 'commissioning-qa-report',
    role: 'led',
    description: `An end-to-end test checks the whole stereotactic chain: imaging, outlining, planning, immobilisation, image guidance and delivery. I ran the six-monthly end-to-end test on Linac 3 with an anthropomorphic head phantom containing a film insert and a small-volume chamber.

**Chain tested:** CT and MR scans of the phantom, image registration, outlining of a 1.5 cm target, a single-arc VMAT stereotactic plan, positioning in an open-face mask, CBCT match with six degrees of freedom, and delivery.

**Results:**

- Point dose in the target: −1.1% from the planned dose (tolerance ±3%).
- Film gamma (2%/1 mm) in the coronal plane: 97.3%.
- Geometric offset of the high-dose region from the planned target centre on film: 0.6 mm (tolerance 1 mm).

The results were within tolerance and consistent with the previous two tests. I have added them to the trend record.`,
    reflection: `This was my first end-to-end test as the lead. I am pleased the results were consistent; I still need to think about which part of the chain contributes most to the 0.6 mm offset and how to separate them. Image registration and the CBCT match are the likeliest contributors, and I could test them on their own with the same phantom. Running the test also showed me how many teams each stereotactic treatment depends on.`,
    claims: [
      {
        area: 'Sci7',
        statement:
          'I applied my knowledge of each step of the stereotactic chain to design and interpret an end-to-end test.',
      },
      {
        area: 'Tech3',
        statement:
          'I performed the end-to-end test from imaging to delivery, including film and chamber measurements in the phantom.',
      },
      {
        area: 'Clin1',
        statement:
          'I compared the geometric and dosimetric results with the accuracy required for stereotactic treatment margins.',
      },
    ],
    review: { status: 'draft' },
  },
]

export const OWEN_ITEMS: DemoItem[] = [
  {
    key: 'nm-daily-qc',
    title: 'Gamma camera daily QC: uniformity, energy peaking and background',
    startDaysAgo: 300,
    days: 30,
    evidenceType: 'commissioning-qa-report',
    role: 'led',
    description: `For a month I performed the daily quality control on the department's two dual-head gamma cameras before the first clinical list.

The checks, from the department's QC schedule:

- **Energy peaking** for Tc-99m on both heads: photopeak centred within ±2% of 140 keV.
- **Background count rate** with no source, to detect contamination of the detectors or the room.
- **Intrinsic uniformity** with a point source at a distance, collimators removed: integral uniformity in the useful field of view below 5%, differential uniformity below 3%.

All results were within tolerance except one morning, when the background count on one camera was three times its usual value. I searched the room with a contamination monitor and found a contaminated absorbent sheet on the imaging couch from the previous day's last study. After it was removed as radioactive waste, the background returned to normal and the QC was repeated.

I recorded the results in the QC log and discussed the contamination event with the senior technologist.`,
    reflection: `The daily QC felt routine until the background failure, which showed me why it is there: a contaminated couch would have added counts to the first patient's images. I was glad I had been shown how to use the contamination monitor in my induction. I now check the couch and floor as part of my set-up, before starting the QC.`,
    claims: [
      {
        area: 'Tech3',
        statement: 'I performed daily energy peaking, background and uniformity QC on two gamma cameras for a month.',
      },
      {
        area: 'Tech6',
        statement:
          'I found the cause of a high background reading, had the contamination removed and repeated the QC before clinical use.',
        competencies: ['Tech-SC4'],
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'nm-training',
    title: 'Mandatory training and radiation safety induction for nuclear medicine',
    startDaysAgo: 310,
    days: 20,
    evidenceType: 'cpd-record',
    role: 'led',
    description: `Training completed in my first month, before working with unsealed radioactive sources.

| Module | Result |
| --- | --- |
| Information governance | passed |
| Infection prevention and control | completed |
| Fire safety | completed |
| IRR17 local rules for nuclear medicine and the radiopharmacy | signed |
| Handling unsealed sources and contamination procedures | practical, signed off |
| IR(ME)R 2017 induction | passed |
| Radioactive waste and the environmental permit | seminar |

The practical session covered gloves and finger dosimetry, contamination monitoring of hands and surfaces, and the spill procedure. I practised a simulated spill with a senior technologist, from containing it to monitoring and recording, and was issued with whole-body and finger dosemeters for my work in the hot lab.`,
    reflection: `The practical contamination session was the most useful part.`,
    claims: [
      {
        area: 'Prof9',
        statement:
          'I completed the statutory and radiation safety training required before working with unsealed sources, and keep a record of it.',
      },
      {
        area: 'Prof3',
        statement: 'I signed and follow the local rules for nuclear medicine under IRR17.',
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'nm-calibrator',
    title: 'Radionuclide calibrator QC: constancy, linearity by decay and accuracy',
    startDaysAgo: 240,
    days: 14,
    evidenceType: 'calibration-report',
    role: 'led',
    description: `The radionuclide calibrators in the radiopharmacy and the injection room are used to measure every patient's administered activity. I carried out their annual accuracy and linearity tests and took over the weekly constancy checks.

**Constancy:** a long-lived Cs-137 reference source measured on each nuclide setting in use; all readings within ±5% of their baselines.

**Accuracy:** a certified Co-57 source and a Tc-99m solution whose activity was traceable to a secondary standard calibrator: both calibrators within 3%.

**Linearity by decay:** a Tc-99m vial of about 20 GBq was measured at intervals over 60 hours, down to about 20 MBq. I fitted the measured activities against the known decay and found deviations within ±2% across the range.

**Uncertainty:** I estimated the combined standard uncertainty of a clinical measurement as about 2.5% (k = 1), dominated by the reference source certificate and the geometry of syringes compared with vials.`,
    reflection: `The linearity by decay test was satisfying because it uses physics I knew, radioactive decay, to test an instrument without any other reference. Estimating the uncertainty made me question the syringe geometry, which I had not thought about. I would like to measure the syringe correction factors properly.`,
    claims: [
      {
        area: 'Sci1',
        statement:
          'I used radioactive decay as the reference to test calibrator linearity over three orders of magnitude of activity.',
      },
      {
        area: 'Sci2',
        statement:
          'I estimated the uncertainty of a clinical activity measurement and identified syringe geometry as a major component.',
        competencies: ['Sci-SC6'],
      },
    ],
    review: { status: 'awaiting', sentDaysAgo: 20 },
  },
  {
    key: 'nm-generator',
    title: 'Observation: Tc-99m generator elution and radiopharmaceutical QC',
    startDaysAgo: 200,
    days: 5,
    evidenceType: 'reflection',
    role: 'observed',
    description: `I spent a week in the radiopharmacy observing the daily elution of the Mo-99/Tc-99m generator and the quality control of the eluate and kits.

What I observed:

- aseptic elution in the isolator, and the environmental monitoring that goes with it;
- Mo-99 breakthrough measured in a lead pot in the calibrator, against the pharmacopoeia limit;
- radiochemical purity of a prepared kit by thin-layer chromatography;
- the records needed to release each product.

I also discussed with the radiopharmacist how activity is prescribed under the department's ARSAC licence and how that links to the injection room calibrator I test, since every administered activity is measured there before injection.`,
    reflection: `I had not appreciated how much of nuclear medicine quality depends on the radiopharmacy, which is run under pharmaceutical rules as well as radiation rules. The Mo-99 breakthrough test linked directly to my calibrator work: the lead pot geometry is another setting that has to be calibrated. I want to spend more time here.`,
    claims: [
      {
        area: 'Tech2',
        statement:
          'I learned the standards that govern generator elution and radiopharmaceutical QC, including the breakthrough limit.',
      },
    ],
    review: { status: 'awaiting', sentDaysAgo: 11 },
  },
  {
    key: 'nm-contamination-survey',
    title: 'Contamination monitoring survey of the nuclear medicine department',
    startDaysAgo: 150,
    days: 3,
    evidenceType: 'commissioning-qa-report',
    role: 'led',
    description: `Once a month the controlled areas of the department are surveyed for surface contamination. I carried out the survey for the first time on my own.

I monitored floors, benches, injection room surfaces, the waiting area, the toilets used by injected patients and the imaging couches with a calibrated contamination monitor, and took wipe tests where direct monitoring was not possible because of background.

Two locations were above the local action level: the floor by the injection room sink and a toilet floor. Both were decontaminated and re-monitored below the action level. I recorded the results on the survey plan and discussed with the Radiation Protection Supervisor whether the injection room sink needs a drip tray.`,
    reflection: `I am still working out how to judge whether a reading is contamination or background near stored sources. I will write more once I have done a second survey.`,
    claims: [
      {
        area: 'PS1',
        statement: 'I surveyed the department, found two contaminated areas and arranged their decontamination.',
      },
    ],
    review: { status: 'draft' },
  },
  {
    key: 'nm-perfusion-case',
    title: 'Case study: myocardial perfusion imaging pathway (observed)',
    startDaysAgo: 90,
    days: 2,
    evidenceType: 'case-study',
    role: 'observed',
    description: `An anonymised case I followed through the myocardial perfusion imaging pathway; nothing identifying the patient is recorded.

The patient was referred with suspected coronary artery disease. I observed the pharmacological stress test, the injection of the Tc-99m perfusion agent, the stress and rest SPECT acquisitions on separate days, and the reporting session with the consultant.

Physics points I followed up:

- why attenuation correction with low-dose CT matters for inferior wall defects;
- the effect of patient motion during acquisition and how the motion-correction software works;
- how the administered activity was chosen for the patient's size under the ARSAC guidance.

The report described a reversible defect, and the patient was referred for an angiogram.`,
    reflection: `Following one patient's pathway made the physics concrete: the attenuation artefact I had read about was exactly the question the reporting consultant asked about.`,
    claims: [
      {
        area: 'Clin3',
        statement:
          'I followed a patient through the myocardial perfusion pathway and understood how the imaging fits into their management.',
        competencies: ['Clin-SC1'],
      },
      {
        area: 'Sci5',
        statement: 'I identified that the study decides whether the patient goes on to an invasive angiogram.',
      },
    ],
    review: { status: 'draft' },
  },
]

/**
 * The submitted trainee's summary statement: the first thing an assessor
 * reads, pointing to the evidence for each domain.
 */
export const HANNAH_SUMMARY_STATEMENT = `## Summary statement

I am a trainee clinical scientist in diagnostic radiology physics at Westmoor University Hospitals NHS Foundation Trust. I joined the medical physics department as a trainee four years ago, after eighteen months as a physicist in industry, and completed my MSc in medical physics part-time during my training. The department supports two CT scanners, general radiography, mammography, fluoroscopy and interventional radiology across two hospital sites.

### How my evidence is organised

- **Scientific and technical work** rests on routine performance testing of digital radiography rooms, the acceptance and commissioning of a replacement CT scanner, and the phantom analysis behind a lower-dose CT head protocol that is now in clinical use.
- **Clinical work** is shown by an observation placement across the imaging pathway, a case study estimating peak skin dose after a prolonged interventional procedure, and a fetal dose estimate with written advice to a referring clinician.
- **Research and development** is my MSc project on size-specific dose estimates from the CT localiser, presented at the regional IPEM meeting, and a literature review on photon-counting CT for our equipment plan.
- **Problem solving** centres on my investigation of raised exposure indices after a detector replacement, which led me to rewrite the procedure for returning X-ray equipment to clinical use.
- **Communication and professional practice** are shown by teaching radiographers, supervising a new trainee, a radiation risk assessment for a new theatre, a procurement, committee work, multi-source feedback and my reflections on workload and supervision.

### My own contribution

Each item says whether I led the work, contributed to it or observed it. Where I contributed, the description says which parts were mine; work that needed an authorised physicist or the Medical Physics Expert is marked as such.

### What I have learned

The thread through this portfolio is that a physics measurement matters because of the decision it informs: whether a room goes back into clinical use, whether a patient needs skin follow-up, whether a protocol can safely use less dose. I have learned to state the uncertainty of what I measure, to say early when I am unsure, and to hand a question on when it is outside my role. My mentor has verified every claim, and the comments he marked for the assessor say where he checked my work.`

export const HANNAH_ITEMS: DemoItem[] = [
  {
    key: 'dr-mandatory-training',
    title: 'Mandatory training, radiation safety induction and infection prevention for work on wards and in theatres',
    startDaysAgo: 540,
    days: 40,
    evidenceType: 'cpd-record',
    role: 'led',
    description: `The Trust's mandatory and statutory training I completed in my first weeks, and the induction I needed before working in the radiology controlled areas and taking test equipment onto wards and into theatres.

| Module | Format | Result |
| --- | --- | --- |
| Information governance and data security | e-learning | passed, 95% |
| Equality, diversity and human rights | e-learning | completed |
| Fire safety | face to face | completed |
| Infection prevention and control, level 2 | e-learning and practical | completed |
| Moving and handling, level 1 | face to face | completed |
| Safeguarding adults and children, level 2 | e-learning | completed |
| Basic life support | face to face | completed |
| IR(ME)R 2017 local induction | seminar and quiz | passed |
| IRR17 local rules for radiology, theatres and the catheter laboratories | seminar, signed local rules | completed |

Because routine testing takes me to mobile X-ray and fluoroscopy units on wards, in theatres and in isolation rooms, the infection prevention team showed me how to clean dosimeters, phantoms and cables between clinical areas, which wards need personal protective equipment, and how to enter a theatre during a list. I now carry detergent and chlorine-based wipes in the test kit and record the cleaning on the equipment booking sheet.

The Radiation Protection Supervisor's induction covered the controlled areas and their warning signs, the procedure for staff who are pregnant, and personal dosimetry; I was issued a whole-body dosemeter.`,
    reflection: `Most of this was routine, but the infection prevention session changed how I work. I had not thought of a phantom as something that travels between an isolation room and an operating theatre, and I was surprised that nobody had written down how to clean it. I added a cleaning step to the test kit checklist, which the other trainees now use. Signing the local rules for each area also made me read them properly, and I found one that still named a retired supervisor, which I reported.`,
    claims: [
      {
        area: 'Prof3',
        statement:
          'I completed the equality, diversity and information governance training and signed the IRR17 local rules before working in any radiology controlled area.',
        competencies: ['Prof-SC1', 'Prof-SC14'],
      },
      {
        area: 'Prof10',
        statement:
          'I follow infection prevention steps when taking test equipment onto wards and into theatres, and added a cleaning step to the test kit checklist that other trainees now use.',
        competencies: ['Prof-SC10'],
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'dr-imaging-observation',
    title:
      'Observation placement: from referral to report in radiography, CT, breast screening and interventional radiology',
    startDaysAgo: 510,
    days: 12,
    evidenceType: 'reflection',
    role: 'observed',
    description: `Over two weeks I followed the imaging pathway in each modality the department supports, without recording anything that identifies a patient, to understand where physics affects clinical decisions.

1. **Justification and referral**: radiographers and radiologists vetting requests under IR(ME)R, and how the referral criteria decide whether an examination is done at all.
2. **General radiography** in the emergency department: chest and extremity examinations, and how the radiographers read the exposure index on the console before accepting an image.
3. **CT**: trauma and CT pulmonary angiogram protocols, the pregnancy status check, and why the trauma protocol accepts a higher dose for a single, fast acquisition.
4. **Breast screening**: two-view mammography and the assessment clinic, and why low tube voltages and specific target and filter combinations are used for breast tissue.
5. **Interventional radiology**: an angioplasty and a nephrostomy, with the radiographer tracking the cumulative dose during the procedure.
6. **Discrepancy meeting**: radiologists reviewing anonymised cases where a finding was missed or misread, including one where image noise was a factor.

For each step I asked what decision it informs and what physics lies behind it, and discussed my notes with my supervisor.`,
    reflection: `I started the placement thinking of image quality as numbers from a test object. The discrepancy meeting changed that: one missed finding was on an image that passed every QA test, but the exposure had been set for a smaller patient and the noise hid a subtle lesion. Physics tests show that equipment can make a good image; whether it does depends on protocols and on the people using them.

I also saw how much the radiographers rely on the exposure index without knowing how it is calibrated, which later shaped the teaching I gave. I would like to repeat a shorter observation in the catheter laboratories, which I did not reach.`,
    claims: [
      {
        area: 'Clin3',
        statement:
          'I followed the pathway from referral to report in five modalities and saw how radiographers, radiologists and clinicians use imaging in patient management.',
        competencies: ['Clin-SC1'],
      },
      {
        area: 'Clin6',
        statement:
          'I learned the evidence behind practices I observed, such as the low tube voltages in mammography and the referral criteria used to justify examinations.',
        competencies: ['Clin-SC5'],
      },
      {
        area: 'Sci2',
        statement:
          'I related each investigation to the physics behind it, from exposure indices in radiography to the trade-off between dose and speed in trauma CT.',
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'dr-routine-qa',
    title: 'Routine performance testing of four digital radiography rooms',
    startDaysAgo: 480,
    days: 60,
    evidenceType: 'commissioning-qa-report',
    role: 'led',
    description: `Over two months I carried out the annual routine performance tests of the department's four general radiography rooms, each with a ceiling-mounted tube, a wall stand and a table detector. A senior physicist worked alongside me on the first room; I tested the other three myself, and my results were checked before the reports were issued.

The tests follow the department's QA protocol, based on IPEM Report 91 and the manufacturer's acceptance values:

- **Tube and generator**: kV accuracy with a non-invasive meter (within ±5%), output repeatability and linearity across mA s settings, half-value layer at 80 kV;
- **Automatic exposure control**: repeatability, and consistency of detector air kerma behind 10, 15 and 20 cm of PMMA for each chamber;
- **Detector**: exposure index calibration against a measured detector air kerma, uniformity, dark noise and threshold contrast with a test object;
- **Geometry and dose display**: light-beam and X-ray field alignment, and the accuracy of the displayed dose–area product (DAP).

Every result was within tolerance except one: the DAP meter in Room 2 read 14% high against my measurements, outside the department's ±10% tolerance. I repeated the measurement with a second calibrated chamber, reported it to the imaging equipment manager, and the engineers recalibrated the meter; I confirmed it afterwards (within 3%). Because the department's dose audits use DAP, I flagged that Room 2's recorded doses for the past year were overstated. The summary of Room 2's tests is attached.`,
    reflection: `The first room took me most of a day. By the fourth I could order the tests so that the tube stayed cool and the room was out of clinical use for the shortest time, which mattered more to the radiographers than anything I measured.

The DAP finding taught me that "only a calibration error" can still matter: the audit figures the department reports rested on that meter. I now check when a DAP meter was last calibrated before I use its data in an audit. Next time I would agree testing slots with the superintendent radiographer a week ahead rather than on the day.`,
    claims: [
      {
        area: 'Tech3',
        statement:
          'I performed the full routine performance test of four radiography rooms, the last three independently, with the department’s calibrated meters and test objects.',
        competencies: ['Tech-SC1'],
      },
      {
        area: 'Tech5',
        statement:
          'I related each test to the IPEM Report 91 tolerances and explained why the exposure index calibration underpins the radiographers’ use of exposure indices.',
        competencies: ['Tech-SC2'],
      },
      {
        area: 'Tech6',
        statement:
          'I found a dose–area product meter reading 14% high, confirmed it with a second chamber, had it recalibrated and verified the correction before its data were used again.',
        competencies: ['Tech-SC4'],
      },
    ],
    review: { status: 'verified' },
    attachment: {
      originalName: 'room-2-routine-qa-summary.pdf',
      title: 'Routine performance test summary: general radiography, Room 2',
      paragraphs: [
        'Westmoor University Hospitals NHS Foundation Trust, Medical Physics. Annual routine performance test to the departmental QA protocol (based on IPEM Report 91). Tested by H. Reid, trainee clinical scientist; results checked by a senior physicist.',
        '## Tube and generator',
        'kV accuracy, 60 to 120 kV: largest deviation 2.1% (tolerance ±5%). Pass.',
        'Output repeatability, 10 exposures at 80 kV: coefficient of variation 0.4% (tolerance 5%). Pass.',
        'Output linearity across mA s settings: within 3% (tolerance 10%). Pass.',
        'Half-value layer at 80 kV: 3.1 mm Al (at least 2.5 mm Al). Pass.',
        '## Automatic exposure control',
        'Repeatability: 1.2%. Consistency of detector air kerma, 10 to 20 cm PMMA: within 9% (tolerance ±20%). Pass, all three chambers, wall stand and table.',
        '## Detector',
        'Exposure index against measured detector air kerma: within 6% (tolerance ±20%). Uniformity and dark noise within the manufacturer values. Threshold contrast: no change from baseline. Pass.',
        '## Geometry and dose display',
        'Light-beam and X-ray field alignment: 0.8% of the focus-detector distance (tolerance 2%). Pass.',
        'Displayed dose-area product: 14% above measured values (tolerance ±10%). FAIL. Repeated with a second chamber: 13% above. Reported to the imaging equipment manager; meter recalibrated by the engineers; re-tested: within 3%. Pass after action.',
        '## Action',
        'Room 2 dose-area product values recorded in the past year overstate patient dose by about 14%: to be corrected before use in dose audits.',
      ],
    },
  },
  {
    key: 'dr-ct-commissioning',
    title: 'Acceptance testing and commissioning of a replacement CT scanner',
    startDaysAgo: 440,
    days: 21,
    evidenceType: 'commissioning-qa-report',
    role: 'contributed',
    description: `The Trust replaced one of its two CT scanners. With a senior physicist I carried out the acceptance tests and commissioning before the scanner went into clinical use. The parts that were mine:

- **Dosimetry**: CTDIvol for the head and body protocols with a 100 mm pencil ionisation chamber in 16 cm and 32 cm PMMA phantoms, at the centre and four peripheral positions, for each clinical tube voltage. Measured values were within 8% of those displayed on the console (tolerance ±20%).
- **Image quality**: CT number of water, noise and uniformity in the manufacturer's water phantom; CT number linearity, slice sensitivity profile and high-contrast resolution (modulation transfer function) in an image quality phantom.
- **Tube current modulation**: I scanned a tapered phantom, plotted tube current against attenuation along its length and confirmed that the modulation behaved as the manufacturer describes; the plot is now the baseline for routine QA.
- **Connectivity**: I confirmed that dose reports (DICOM radiation dose structured reports) reached the dose management system and matched the console values, and that images arrived in PACS with the correct series descriptions.

The senior physicist carried out the critical examination of the room shielding; I recorded the survey results. I wrote the baseline values into the scanner's routine QA protocol and drafted the commissioning summary (attached), which the Medical Physics Expert approved before the first clinical list.`,
    reflection: `Commissioning showed me how much of routine QA depends on getting the baselines right at the start. My first tube current modulation plot was noisy because I had placed the phantom off-centre, which changes the modulation; repeating it taught me more about how the scanner decides the tube current than any lecture.

Working to the installation programme was a lesson too: the engineers, the radiographers and IT all needed the scanner at the same time. I learned to say clearly which tests had to be done before clinical use and which could wait, and to agree that with the CT superintendent at the start of each day.`,
    claims: [
      {
        area: 'Tech1',
        statement:
          'I tested tube current modulation with a tapered phantom and checked the flow of dose structured reports into the dose management system, showing I understand the technique and its digital infrastructure.',
        competencies: ['Tech-SC1'],
      },
      {
        area: 'Sci7',
        statement:
          'I applied CT dosimetry and image quality theory to choose the commissioning measurements and to set the baselines the scanner’s routine QA now uses.',
        competencies: ['Sci-SC4'],
      },
      {
        area: 'Prof7',
        statement:
          'I worked with the manufacturer’s engineers, the CT superintendent radiographer and the IT team to fit the testing into the installation programme and hand the scanner over on time.',
      },
    ],
    review: { status: 'verified' },
    attachment: {
      originalName: 'ct-commissioning-summary.pdf',
      title: 'Commissioning summary: replacement CT scanner, main hospital site',
      paragraphs: [
        'Westmoor University Hospitals NHS Foundation Trust, Medical Physics. Acceptance and commissioning tests before clinical use. Measurements by H. Reid (trainee clinical scientist) and a senior physicist; approved by the Medical Physics Expert.',
        '## Dosimetry',
        'CTDIvol, head protocol (16 cm phantom, 120 kV): measured 4% below the console value. Body protocol (32 cm phantom, 80 to 140 kV): measured 2% to 8% below the console values. Tolerance ±20%. Pass.',
        '## Image quality',
        'CT number of water: -1 to +2 HU (tolerance 0 ± 4 HU). Noise at the reference protocol: within 5% of the manufacturer value. Uniformity: largest centre-to-edge difference 3 HU (tolerance ±4 HU). CT number linearity, slice sensitivity profile and modulation transfer function within the acceptance values. Pass.',
        '## Tube current modulation',
        'Tapered phantom: tube current follows attenuation as specified; plot recorded as the routine QA baseline. Off-centre positioning changes the modulation: phantom centring is now a step in the routine protocol.',
        '## Connectivity',
        'Radiation dose structured reports received by the dose management system for all test series; CTDIvol and DLP match the console. Images and series descriptions correct in PACS.',
        '## Room',
        'Critical examination of the shielding and radiation survey completed by the senior physicist: dose rates outside the room consistent with the shielding design.',
        '## Outcome',
        'Accepted for clinical use. Baselines entered in the routine QA protocol for the scanner.',
      ],
    },
  },
  {
    key: 'dr-msc-abstract',
    title: 'MSc project abstract: size-specific dose estimates from the CT localiser',
    startDaysAgo: 430,
    days: 240,
    evidenceType: 'project-abstract',
    role: 'led',
    description: `**Background.** CTDIvol describes the dose to a standard phantom, not to the patient. Size-specific dose estimates (SSDE, AAPM Reports 204 and 220) correct it using the patient's water-equivalent diameter, usually measured on the axial images. Measuring it on the localiser instead would give an estimate before the scan, but its accuracy depends on how the localiser is calibrated.

**Aims.** (1) To measure the agreement between water-equivalent diameters from the localiser and from axial images in adult chest-abdomen-pelvis CT; (2) to quantify the effect on SSDE; (3) to decide whether localiser-based SSDE is good enough for the Trust's dose management system to use.

**Method.** A retrospective sample of 200 consecutive adult examinations on one scanner, with exclusions fixed in advance (arms in the scan field, truncated images). I calibrated the localiser pixel values with water phantoms of four sizes, then calculated both diameters for each examination and compared them with Bland–Altman limits of agreement. Data were anonymised at export; the project was registered as a service evaluation after the HRA decision tool, with Caldicott approval for the extraction.

**Results.** Localiser diameters were on average 0.9 cm smaller (95% limits of agreement −2.6 to +0.8 cm), so localiser-based SSDE was on average 3.1% higher (limits −2% to +9%). The disagreement was largest for the largest patients, where the localiser was truncated laterally.

**Conclusions.** Localiser-based SSDE is adequate for population dose audit but not for individual estimates in large patients, for which the axial method should be used.

The project was entirely my own work, supervised by my university supervisor and a senior physicist in the department. The abstract as submitted is attached.`,
    reflection: `The hardest part of the project was not the analysis but deciding what not to do. My first plan included three scanners and paediatric examinations; my supervisor helped me see that two months of data from one scanner would answer the service's question properly, while the larger plan would answer nothing well.

I was disappointed when the largest patients disagreed most, until I realised that this was the useful result: it tells the dose management team exactly where the quicker method cannot be trusted. Next time I would look at a sample of the data before fixing the exclusions, as truncation was more common than I had expected.`,
    claims: [
      {
        area: 'R&D2',
        statement:
          'I set three aims, each tied to a decision the dose management service had to make, and scoped the project to what two months of data from one scanner could answer.',
        competencies: ['R&D-SC1', 'R&D-SC4'],
      },
      {
        area: 'R&D3',
        statement:
          'I designed a protocol free of selection bias, taking consecutive examinations with exclusions fixed in advance, and registered it as a service evaluation with Caldicott approval.',
        competencies: ['R&D-SC3', 'R&D-SC4'],
      },
      {
        area: 'R&D4',
        statement:
          'I calibrated the localiser, made all the measurements and did the statistical analysis myself, using Bland–Altman limits of agreement to show how the methods differ with patient size.',
        competencies: ['R&D-SC5'],
      },
    ],
    review: {
      status: 'verified',
      comments: [
        {
          by: 'mentor',
          body: 'A clear abstract with the limitation stated up front. Consider adding the size range of the sample when you present it.',
          daysAfterDecision: 0,
        },
        {
          by: 'trainee',
          body: 'Thank you: I have added the range of diameters to the slides for the regional meeting.',
          daysAfterDecision: 2,
        },
      ],
    },
    attachment: {
      originalName: 'msc-abstract-localiser-ssde.pdf',
      title: 'Size-specific dose estimates from the CT localiser: agreement with the axial water-equivalent diameter',
      paragraphs: [
        'H. Reid. MSc in Medical Physics, research project abstract.',
        '## Background',
        'CTDIvol describes dose to a standard phantom rather than the patient. Size-specific dose estimates (SSDE) correct it using the water-equivalent diameter, usually measured on axial images. A localiser-based diameter would be available before the scan.',
        '## Method',
        '200 consecutive adult chest-abdomen-pelvis examinations on one scanner; exclusions fixed in advance. Localiser pixel values calibrated with four water phantoms. Water-equivalent diameters from localiser and axial images compared by Bland-Altman analysis. Anonymised at export; registered as a service evaluation.',
        '## Results',
        'Mean difference (localiser minus axial) -0.9 cm, 95% limits of agreement -2.6 to +0.8 cm. SSDE from the localiser 3.1% higher on average (limits -2% to +9%). Largest disagreement in the largest patients, owing to lateral truncation of the localiser.',
        '## Conclusion',
        'Localiser-based SSDE is adequate for population dose audit; individual estimates in large patients should use the axial method.',
      ],
    },
  },
  {
    key: 'dr-ct-dose-audit',
    title: 'Audit of CT doses against national diagnostic reference levels, and setting local DRLs',
    startDaysAgo: 400,
    days: 45,
    evidenceType: 'audit',
    role: 'led',
    description: `IR(ME)R 2017 requires the employer to establish diagnostic reference levels (DRLs) and to review them against the national DRLs. I led the department's first CT audit since the new scanner was installed.

**Method.** From the dose management system I exported CTDIvol and DLP for every adult examination over six months on both scanners for the five most frequent protocols. The export held only the protocol, scanner, water-equivalent diameter and dose values: no patient identifiers left the system. I compared the local medians with the national DRLs and compared the two scanners for patients of the same size.

| Examination | Examinations | Median CTDIvol (mGy) | Median DLP (mGy cm) | Against national DRL |
| --- | --- | --- | --- | --- |
| Routine head | 1,840 | 47 | 780 | below |
| Chest | 960 | 5.8 | 230 | below |
| Chest-abdomen-pelvis | 1,420 | 9.6 | 640 | below |
| CT pulmonary angiogram | 510 | 7.9 | 290 | below |
| Kidneys, ureters and bladder | 380 | 5.1 | 240 | below |

**Finding.** Every median was below the national DRL, but for the kidneys, ureters and bladder protocol the second scanner's median dose was 35% higher than the first's for patients of the same size: its protocol still used a noise setting chosen for an older reconstruction.

**Actions.** After a radiologist reviewed images from both scanners, the CT superintendent harmonised the protocol. I proposed local DRLs at the local median for each examination; the Medical Exposures Committee approved them. A re-audit three months later showed the two scanners matched within 5%.`,
    reflection: `I expected the audit to be about the national comparison, but every median was comfortably below it and the real finding was the difference between our own scanners. Comparing like with like, by patient size, was what made the difference visible; the raw medians alone hid it.

I also learned that an audit only matters if someone acts on it. Presenting the finding to the CT superintendent with images from both scanners, rather than just a table, was what got the protocol changed. Closing the loop with the re-audit was the most satisfying part.`,
    claims: [
      {
        area: 'Tech2',
        statement:
          'I applied the IR(ME)R 2017 requirement for diagnostic reference levels, comparing six months of CT doses with the national DRLs and proposing the local DRLs the committee approved.',
        competencies: ['Tech-SC2', 'Tech-SC3'],
      },
      {
        area: 'Prof6',
        statement:
          'I ran the audit on data exported without patient identifiers, kept it within information governance rules, and closed the loop with a re-audit.',
        competencies: ['Prof-SC4'],
      },
      {
        area: 'Sci6',
        statement:
          'I judged that one scanner’s protocol gave a higher dose than needed by comparing patients of the same size, and the re-audit confirmed the change was effective.',
        competencies: ['Sci-SC2'],
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'dr-aec-incident',
    title: 'Investigation: raised exposure indices after a detector replacement in a radiography room',
    startDaysAgo: 350,
    days: 20,
    evidenceType: 'incident-investigation',
    role: 'led',
    description: `A superintendent radiographer reported that chest images on the wall stand in Room 3 had shown deviation indices of +1.5 to +2 for about two weeks, meaning the detector was receiving more dose than its target. The images looked good, so nobody had questioned them.

**Assessing the problem.** From the dose management system I plotted the exposure index for every wall-stand chest image over two months. The rise began on the day the wall-stand detector had been replaced under the service contract. The table detector was unaffected.

**Finding the cause.** I measured the detector air kerma under automatic exposure control behind 15 cm of PMMA: 4.1 µGy against a baseline of 2.5 µGy. The replacement detector was a newer model with a different sensitivity, and the AEC had not been recalibrated for it; the engineer's report listed the detector swap but not the AEC.

**Severity.** About 600 examinations had been made at roughly 60% more dose than intended. For chest radiographs the added dose to each patient was small, and I assessed it against the CQC guidance on significant accidental and unintended exposures with the Medical Physics Expert: not notifiable. It was recorded in the Trust's incident system.

**Resolution.** The engineers recalibrated the AEC; I confirmed the detector air kerma was back to 2.6 µGy, consistent across phantom thicknesses, before the room returned to full use. I recommended two changes, both adopted: a physics check after any work on a detector or AEC, and a weekly alert in the dose management system when a room's median deviation index moves outside ±0.5.`,
    reflection: `The hardest part was the first day, when I was not sure whether this was a real problem or a quirk of the exposure index software. Plotting the data by date was what made the cause obvious, and I learned to look at trends before taking measurements.

I felt uncomfortable that 600 examinations had been affected before anyone noticed, and that the images looking good had hidden the problem. Digital detectors forgive over-exposure, so dose creep is silent; that is why I pressed for the automatic alert rather than relying on people to notice.

With hindsight I would have asked for the engineer's full service record on the first day rather than the third.`,
    claims: [
      {
        area: 'PS1',
        statement:
          'I assessed the report by plotting two months of exposure indices by date, which tied the rise to the day the wall-stand detector was replaced.',
        competencies: ['PS-SC1'],
      },
      {
        area: 'PS2',
        statement:
          'I established the extent and severity: about 600 examinations at roughly 60% extra dose, assessed with the Medical Physics Expert as not notifiable under the CQC guidance.',
        competencies: ['PS-SC1'],
      },
      {
        area: 'PS4',
        statement:
          'I confirmed the cause by measurement, had the AEC recalibrated, verified the room before full clinical use, and proposed the two process changes that were adopted.',
        competencies: ['PS-SC2', 'PS-SC4'],
      },
      {
        area: 'Tech4',
        statement:
          'I troubleshot the AEC by measuring detector air kerma behind PMMA and found the calibration had not been updated for the new detector’s sensitivity.',
        competencies: ['Tech-SC5'],
      },
    ],
    review: {
      status: 'verified',
      comments: [
        {
          by: 'mentor',
          body: 'For the assessor: Hannah led this investigation from the first report to the changes in practice. The trend analysis, the measurements and the report are her own; the severity assessment was made jointly with the Medical Physics Expert, as she states.',
          daysAfterDecision: 0,
          forAssessor: true,
        },
      ],
    },
  },
  {
    key: 'dr-handover-procedure',
    title: 'Revised procedure: returning X-ray equipment to clinical use after service or repair',
    startDaysAgo: 320,
    days: 25,
    evidenceType: 'quality-document',
    role: 'led',
    description: `After the exposure index investigation I rewrote the department's procedure for returning X-ray equipment to clinical use after an engineer's visit. The old procedure relied on the engineer's service report, and physics was told only about planned work.

**What the revised procedure does:**

- classifies work by its possible effect on patient dose or image quality (tube replacement, detector replacement, generator or AEC adjustment, software changes to image processing) and lists the physics checks each needs before clinical use;
- makes the superintendent radiographer responsible for telling physics before the room goes back into use, using a one-page handover form;
- gives a reduced set of checks that a trained radiographer can make out of hours, with the full physics tests on the next working day;
- records the outcome in the QA database, so that a trend in exposure indices can be matched against the service history.

**Consultation.** I consulted the in-house and manufacturer's engineers, the superintendent radiographer of each modality and the Radiation Protection Adviser over two rounds of comments. The main objection, that rooms would be out of use overnight, was met by the reduced out-of-hours check, which I wrote and trialled with two radiographers.

The Radiation Protection Committee approved the procedure and it was issued under document control; I trained the superintendents in using the form.`,
    reflection: `Writing the procedure was easy compared with agreeing it. My first draft required physics tests before any room returned to use, which was right for safety and impossible out of hours. Listening to the radiographers' objection, rather than defending the draft, led to the reduced check, which is a better answer than either of our starting positions.

I learned that a procedure has to be workable by the people who follow it at three in the morning. I will involve them at the first draft next time, not at the comments stage.`,
    claims: [
      {
        area: 'PS5',
        statement:
          'On my own initiative I turned the lessons of the exposure index investigation into a revised handover procedure and saw it through consultation to approval.',
        competencies: ['PS-SC3', 'PS-SC5'],
      },
      {
        area: 'Prof2',
        statement:
          'I took responsibility for the procedure’s content and justified each required check to engineers and radiographers by its risk to patient dose or image quality.',
        competencies: ['Prof-SC3', 'Prof-SC5'],
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'dr-theatre-risk-assessment',
    title: 'Radiation risk assessment for a mobile C-arm in a new orthopaedic theatre',
    startDaysAgo: 290,
    days: 30,
    evidenceType: 'risk-assessment',
    role: 'led',
    description: `A new day-case orthopaedic theatre was to use a mobile flat-panel C-arm for fracture fixation and spinal injections. Under IRR17 regulation 8, I wrote the radiation risk assessment with the Radiation Protection Adviser.

**Measurements.** I measured scatter air kerma rates around a water-equivalent phantom at the positions of the surgeon, scrub practitioner, anaesthetist and radiographer, for typical fluoroscopy and acquisition settings, with the C-arm in the orientations the surgeons use.

**Dose estimates.** Combining the rates with the projected workload (about fifteen cases a week, median fluoroscopy time 45 seconds, from the current orthopaedic theatres' records), I estimated annual effective doses well below 1 mSv for every staff group with aprons worn, and hand doses for the surgeon well below the level that would require classification.

**Controls recommended:**

- a controlled area within 2 m of the C-arm while it is exposing, shown by the warning light at the theatre doors;
- lead-equivalent aprons and thyroid collars for everyone inside the controlled area; staff who can stand back beyond 2 m need neither;
- local rules for the theatre, and a Radiation Protection Supervisor appointed from the theatre team;
- a review after six months using the staff dosemeter results.

**Briefing.** I presented the local rules at the theatre team briefing. A surgeon questioned the need for aprons for short screening times; I showed him the scatter measurements at his position and explained that the dose depends on where he stands rather than on how long each case screens. We agreed the 2 m boundary as a practical rule.`,
    reflection: `I went into the briefing expecting to defend every control, and I had prepared numbers rather than arguments. That turned out to be the right preparation: the surgeon accepted a measurement at his own position far more readily than a reference to the regulations.

I also learned when not to hold firm. The 2 m boundary makes a real difference to the anaesthetist, who can now work without an apron for most of a list, and it costs nothing in protection. My first draft would have required aprons for everyone in the room, which would have been ignored.`,
    claims: [
      {
        area: 'Prof10',
        statement:
          'I established safe working conditions for the new theatre: a controlled area, protective equipment and local rules, based on my own measurements and agreed with the RPA.',
        competencies: ['Prof-SC10'],
      },
      {
        area: 'PS3',
        statement:
          'I drew on scatter measurements, theatre workload data and IRR17 dose limits to decide which controls were needed and which would add burden without benefit.',
        competencies: ['PS-SC1', 'PS-SC2'],
      },
      {
        area: 'Com1',
        statement:
          'At the theatre briefing I judged when to hold firm and when to adapt, keeping aprons within the controlled area while agreeing a practical boundary for staff further away.',
        competencies: ['Com-SC1'],
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'dr-ct-head-optimisation',
    title: 'Optimising the adult CT head protocol with iterative reconstruction: phantom analysis',
    startDaysAgo: 250,
    days: 50,
    evidenceType: 'data-analysis',
    role: 'contributed',
    description: `After the dose audit, the CT lead radiographer and a neuroradiologist asked whether the routine adult head protocol on the new scanner could use its iterative reconstruction at a lower dose. I designed and analysed the phantom part of the work; the clinical image review was led by the neuroradiologist.

**Method.**

- I scanned a head-sized image quality phantom at the current CTDIvol (47 mGy) and at 85%, 70% and 60% of it, reconstructing each with filtered back projection and two strengths of iterative reconstruction.
- I measured noise, the contrast-to-noise ratio (CNR) of a low-contrast insert with a 5 HU difference, similar to grey and white matter, and the noise power spectrum to see how the texture of the noise changed.
- I repeated each acquisition three times to estimate reproducibility: the CNR varied by 4% between repeats.

**Results.** At 70% dose with the middle iterative strength, CNR matched the current protocol within the measurement uncertainty; at 60% it fell by 12%. The peak of the noise power spectrum moved to lower frequencies as the iterative strength increased, the "blotchy" texture that radiologists often dislike.

**Recommendation.** Because CNR does not capture texture, I recommended testing 80% rather than 70% dose clinically. In the neuroradiologist's visual grading of 30 image pairs, 80% was accepted. The protocol now runs at a CTDIvol of 38 mGy.`,
    reflection: `My first instinct was to recommend the lowest dose at which CNR held up. Presenting the noise power spectrum to the neuroradiologist showed me why that would have been wrong: the texture change was obvious to him at once, and it was not in my CNR figure at all.

I learned that a phantom metric answers a narrower question than the clinical one, and that the margin I left for texture was a judgement I had to explain rather than a number I could calculate. I would like to try a model observer next time, which might capture texture better than CNR.`,
    claims: [
      {
        area: 'Sci1',
        statement:
          'I explained how iterative reconstruction changes both the magnitude and the texture of noise, using the noise power spectrum, and why CNR alone does not predict acceptance.',
        competencies: ['Sci-SC1', 'Sci-SC6'],
      },
      {
        area: 'Sci4',
        statement:
          'I applied phantom measurements to a real service question and gave the CT team a dose level to test clinically, which is now the routine head protocol.',
        competencies: ['Sci-SC2'],
      },
      {
        area: 'Clin1',
        statement:
          'I related the low-contrast performance the protocol needs to the subtle grey–white matter differences radiologists look for, and kept a margin for my measurement uncertainty.',
        competencies: ['Clin-SC3'],
      },
      {
        area: 'Tech1',
        statement:
          'I showed I understand the principles of iterative reconstruction by designing the reconstruction comparisons and interpreting how strength settings trade noise against texture.',
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'dr-workload-reflection',
    title: 'Reflection: managing my workload during the MSc write-up and the CT optimisation work',
    startDaysAgo: 220,
    days: 60,
    evidenceType: 'reflection',
    role: 'led',
    description: `A structured reflection on two months when my MSc write-up, the routine QA programme and the CT head optimisation all fell due together.

**What happened.** I had agreed to deliver the phantom analysis to the CT team by a fixed date, the MSc dissertation was due three weeks later, and the annual tests of the mammography units came round at the same time. I worked late most evenings and missed the agreed date for one room's test report.

**How I felt.** Anxious, and reluctant to say anything because each commitment on its own seemed reasonable. I noticed that I was sleeping badly and making small mistakes in my spreadsheets.

**What I did.** I raised it at my supervision meeting. We listed everything I was committed to, with dates, and my supervisor moved two routine tests to a colleague for a month. I protected one day a week for writing. I told the CT lead the phantom analysis would be two weeks later than promised rather than rush it. I also joined a stress management workshop run by the Trust's staff wellbeing service.

**Outcome.** The analysis was delivered two weeks late and was right; the dissertation was submitted on time; the missed report went out within a week.`,
    reflection: `The lesson I take from this is that I wait too long to say that I am overloaded, because saying it feels like admitting I cannot cope. In fact the conversation took twenty minutes and my supervisor was glad to have it before anything went wrong with patient-facing work.

Telling the CT lead the work would be late felt like a failure at the time, but a rushed phantom analysis could have supported a protocol change that was not safe. I now keep a single list of my commitments with dates and review it at every supervision meeting, and I raise a clash as soon as I see it.`,
    claims: [
      {
        area: 'Prof5',
        statement:
          'I recognised that my workload was affecting my health and my work, raised it in supervision, reprioritised with my supervisor and used the Trust’s staff wellbeing service.',
        competencies: ['Prof-SC12'],
      },
      {
        area: 'Prof4',
        statement:
          'I told the CT team the analysis would be late rather than rush it, recognising that hurried phantom work could mislead a change to a clinical protocol.',
        competencies: ['Prof-SC1'],
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'dr-skin-dose-case',
    title: 'Case study: estimating peak skin dose after a prolonged interventional procedure',
    startDaysAgo: 200,
    days: 3,
    evidenceType: 'case-study',
    role: 'contributed',
    description: `An anonymised case; nothing that identifies the patient is recorded here.

An adult underwent a complex embolisation lasting more than three hours. The cumulative reference air kerma reached 6.1 Gy, above the department's 5 Gy trigger for a physics estimate of skin dose, and the interventional radiologist asked for one the next day.

**Investigation strategy.** Before calculating anything I gathered what the estimate would need: the radiation dose structured report, which lists every irradiation event with tube angles, field size, table position and air kerma; whether the patient had had other fluoroscopic procedures in the previous two months (one, at low dose); and the patient's size, which puts the skin closer to the tube than the reference point.

**Method.** I grouped the events into three main beam directions, most of the dose being from the posterior direction within 15° of vertical. For the overlapping fields I summed the air kerma and corrected it for the distance from the reference point to the skin, for table and mattress attenuation (measured for this room during commissioning) and for backscatter. The peak skin dose was 3.4 Gy, with an uncertainty of about ±40% (2 to 5 Gy).

**Advice.** In a written note to the interventional radiologist I said that transient redness was likely, that more serious reactions were unlikely at this dose, and that the patient should be told and have the skin of the back checked at two to four weeks, with physics informed of any reaction.

**Outcome.** The consultant explained this to the patient. Mild redness was seen at follow-up and resolved.`,
    reflection: `This was the first time a number I calculated went straight into a conversation with a patient, and I felt the weight of the uncertainty. My supervisor helped me see that a range honestly stated is more useful to the consultant than a precise-looking single value.

I also saw the consequences in both directions: too low an estimate and an injury might go unrecognised; too high and a patient is frightened for nothing. Since then I have suggested, and the interventional team has agreed, that the radiographer announces the cumulative air kerma at each gray during long procedures, so that the team can change projection before the skin dose builds up in one place.`,
    claims: [
      {
        area: 'Clin2',
        statement:
          'I estimated the peak skin dose with its uncertainty and gave the interventional radiologist a written opinion on the likely reaction and the follow-up the patient needed.',
        competencies: ['Clin-SC4'],
      },
      {
        area: 'Clin4',
        statement:
          'I planned what the estimate needed before calculating, gathering the per-event dose report, earlier procedures and the patient’s size.',
        competencies: ['Clin-SC3'],
      },
      {
        area: 'Clin5',
        statement:
          'I weighed the consequences of my estimate for this patient: too low and an injury could go unrecognised, too high and they would be worried needlessly.',
        competencies: ['Clin-SC2'],
      },
      {
        area: 'Sci5',
        statement:
          'I identified that the estimate decides whether the patient must be told and followed up for skin reactions, and framed my advice around that decision.',
      },
    ],
    review: {
      status: 'verified',
      comments: [
        {
          by: 'mentor',
          body: 'For the assessor: Hannah made this estimate and wrote the advice herself. I checked her method and figures before the note went to the consultant and did not change her conclusions.',
          daysAfterDecision: 1,
          forAssessor: true,
        },
      ],
    },
  },
  {
    key: 'dr-fetal-dose-advice',
    title: 'Advice to a referring clinician: estimated fetal dose after CT of the abdomen and pelvis',
    startDaysAgo: 170,
    days: 2,
    evidenceType: 'correspondence',
    role: 'led',
    description: `An anonymised enquiry; nothing that identifies the patient is recorded here.

A week after a contrast-enhanced CT of the abdomen and pelvis, a patient was found to be in early pregnancy. Pregnancy status had been checked and recorded before the scan, and the pregnancy was too early to be known, so this was not an IR(ME)R incident. The obstetric team asked through the department's enquiry route for the dose to the embryo and what it meant.

**Estimate.** From the scan record (CTDIvol 10.5 mGy, scan range covering the whole uterus) and the patient's water-equivalent diameter, I estimated the uterine dose with a published method for CT, adjusted for patient size: about 12 mGy, range 9 to 16 mGy.

**Advice.** In my letter to the clinician I gave the estimate, the method and its uncertainty, and interpreted it with the national guidance on the protection of pregnant patients: the dose is far below the level (about 100 mGy) at which harmful effects on development are a concern; the additional risk of childhood cancer is about 1 in 1,000, against a natural risk of about 1 in 500; and there is no reason on radiation grounds to change the management of the pregnancy.

I added a short paragraph in plain language that the clinician could use with the patient, with the risk given as "about one in a thousand" rather than as a percentage or in dose units. The Medical Physics Expert reviewed the estimate and co-signed the letter.

When the clinician then asked whether a planned follow-up CT should be replaced by MRI, I referred the question to the duty radiologist, as it is a justification decision.`,
    reflection: `I was anxious about this letter, because I knew it would be read by someone frightened. I rewrote the plain-language paragraph three times; the version that worked used natural frequencies and compared the added risk with the natural one, which my supervisor said is what the national guidance recommends.

Recognising where my role ended was as important as the estimate. The follow-up question was reasonable and I had an opinion, but it was not mine to give: justification belongs to the radiologist. Referring it quickly, with my estimate attached, was the right way to help.`,
    claims: [
      {
        area: 'Com2',
        statement:
          'I answered the obstetric team’s enquiry with a clear written estimate, its uncertainty and what it meant for the management of the pregnancy.',
        competencies: ['Com-SC2'],
      },
      {
        area: 'Com3',
        statement:
          'I wrote a plain-language explanation the clinician could share with the patient, giving the risk as a natural frequency rather than a percentage or a dose.',
        competencies: ['Com-SC1'],
      },
      {
        area: 'Prof4',
        statement:
          'I had the Medical Physics Expert check and co-sign my estimate, and referred the question of replacing the follow-up CT to the radiologist, as justification is not my role.',
        competencies: ['Prof-SC2', 'Prof-SC3'],
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'dr-photon-counting-review',
    title: 'Literature review: photon-counting CT and what it would mean for our service',
    startDaysAgo: 150,
    days: 40,
    evidenceType: 'scientific-report',
    role: 'led',
    description: `The imaging directorate's five-year equipment plan asked physics for a view on photon-counting detector CT. I wrote the review, supervised by a senior physicist.

**Search.** PubMed and Scopus for clinical and phantom studies comparing photon-counting with conventional energy-integrating CT; 64 records screened, 18 included.

**Appraisal.** For each study I recorded whether it used phantoms or patients; whether the comparison was paired (the same patients on both scanners) or between different groups; the dose metric used; how image quality was judged; and whether the authors were funded by, or employed by, the manufacturer.

**Findings.**

- There is consistent evidence of better spatial resolution and of the removal of electronic noise, which matters most at low dose and in large patients.
- Reported dose reductions of 20 to 40% come mostly from comparisons between different groups of patients with different protocols, often with manufacturer involvement; the few paired studies report smaller reductions.
- Spectral information comes with every scan, which could replace some dual-energy protocols.
- Most studies are small and from a single manufacturer, and image quality is often judged subjectively.

**Recommendation.** In a six-page report to the imaging equipment group I advised against replacing a scanner early, but recommended including photon-counting as an option in the next CT tender, with a site visit to a centre using one, and noted that physics would need new QA methods for the energy thresholds.`,
    reflection: `I started the review expecting to be impressed, because the conference talks I had seen were enthusiastic. Appraising the designs one by one changed my view: the technology is real, but much of the dose reduction claimed comes from studies that could not separate the detector from the protocol.

Writing for an equipment group rather than for physicists was a useful discipline: they needed to know what was established, what was uncertain and what it would cost us, not the detector physics. Next time I would agree the questions with the group before searching, as two of theirs came only after my draft.`,
    claims: [
      {
        area: 'R&D1',
        statement:
          'I searched two databases, appraised eighteen studies for weaknesses such as unpaired comparisons and manufacturer funding, and weighed the dose claims accordingly.',
        competencies: ['R&D-SC2'],
      },
      {
        area: 'Sci3',
        statement:
          'I integrated the appraised evidence into a recommendation for the equipment group, separating what is established from what is still promotional.',
        competencies: ['Sci-SC3'],
      },
      {
        area: 'Prof9',
        statement:
          'I kept up to date with an emerging technology and identified the new QA skills the department would need before it could adopt it.',
        competencies: ['Prof-SC9'],
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'dr-regional-talk',
    title:
      'Proffered talk at the regional IPEM diagnostic radiology meeting: localiser-based size-specific dose estimates',
    startDaysAgo: 120,
    evidenceType: 'publication-presentation',
    role: 'led',
    description: `I presented my MSc project as a twelve-minute proffered talk, with five minutes of questions, at the regional IPEM diagnostic radiology physics meeting, to about sixty physicists, radiographers and dose management specialists.

**Preparation.** I rewrote the project for an audience of practising physicists rather than examiners: less on the background, more on what the results mean for a department using localiser-based estimates in its dose management system. I rehearsed twice in the department and changed the results slide after feedback that the Bland–Altman plot needed the size range of the patients on it.

**Content.** The question, the method in one slide, the limits of agreement, where the methods disagree (large patients, lateral truncation of the localiser) and the practical conclusion: localiser-based estimates are fit for population audit but not for individual patients.

**Questions.** A physicist asked whether adding a lateral localiser would reduce truncation; I said I had not tested it and that it was a good next question. Another asked how the localiser calibration would be maintained after a tube change, which I answered from my calibration method.

**Afterwards.** A physicist from another Trust with the same problem contacted me, and we compared calibration methods. From the discussion I wrote down two further questions: whether a lateral localiser removes the size-dependent bias, and whether the bias is the same on another manufacturer's scanner.`,
    reflection: `I was nervous before the talk, mostly about the questions. Having rehearsed with people who asked hard questions on purpose helped: the truncation question was almost word for word one my supervisor had asked.

I am glad I said plainly that I had not tested the lateral localiser rather than guessing. I learned that a limitation stated openly invites useful discussion, and the contact with another Trust came from exactly that. Next time I will bring a one-page summary for people who want to follow up.`,
    claims: [
      {
        area: 'R&D6',
        statement:
          'I presented my project to an audience of peers, including its limitations, and answered critical questions on truncation and calibration.',
        competencies: ['R&D-SC7'],
      },
      {
        area: 'R&D5',
        statement:
          'I appraised my results against the published work on localiser-based methods and formulated two further research questions from the discussion.',
        competencies: ['R&D-SC6'],
      },
      {
        area: 'Com5',
        statement:
          'I prepared and delivered a twelve-minute talk pitched for practising physicists and radiographers, and changed my slides after feedback at rehearsal.',
        competencies: ['Com-SC3'],
      },
      {
        area: 'Com4',
        statement:
          'I communicated what the project means in practice: localiser-based estimates are fit for audit but should not be used for individual patients’ doses.',
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'dr-teaching-supervision',
    title: 'Teaching radiographers about exposure indices, and supervising a new trainee’s first QA visits',
    startDaysAgo: 100,
    days: 45,
    evidenceType: 'training-delivered',
    role: 'led',
    description: `**Teaching.** After the exposure index investigation, the radiography education lead asked me to teach what the exposure and deviation indices mean. I delivered three 45-minute sessions to about 35 radiographers and student radiographers, with a demonstration at the console of a radiography room.

The sessions covered what the exposure index measures (dose to the detector, not to the patient), what a deviation index outside ±1 should prompt, the common causes (collimation, anatomy not centred, the wrong examination selected) and why a good-looking image can hide over-exposure.

A ten-question quiz before and after each session showed the mean score rising from 4.1 to 7.6. Feedback forms gave a mean rating of 4.6 out of 5. After the first session I replaced most of the equations with real images from the department (anonymised) and added more time at the console, which the feedback had asked for.

**Supervision.** When a new trainee joined the department, I supervised their first routine tests of radiography rooms: I planned the visits with them, demonstrated each test, then observed them carrying it out, and gave feedback after each visit using the department's competence checklist. I signed off two tests as observed competent and raised one concern, about entering theatres during a list, with their supervisor, who arranged extra induction.`,
    reflection: `The first teaching session went less well than I had hoped: I could see people switching off at the equations. Changing to real images made the sessions about their own work, and the quiz scores in the later sessions were higher.

Supervising was harder than teaching, because I had to watch someone do a test more slowly than I would and not take over. I found that asking "what will you check next, and why?" worked better than correcting. I also learned that raising a concern about a colleague's practice is part of supervision, not a betrayal of the trainee.`,
    claims: [
      {
        area: 'Com3',
        statement:
          'I adapted my teaching to radiographers’ practice, replacing equations with anonymised images and console demonstrations after feedback on the first session.',
        competencies: ['Com-SC4'],
      },
      {
        area: 'Prof8',
        statement:
          'I supervised a new trainee through their first routine tests with structured feedback, signed off competence against the checklist and escalated one concern.',
        competencies: ['Prof-SC7', 'Prof-SC8'],
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'dr-mobile-procurement',
    title: 'Procurement of four mobile digital radiography units: specification, evaluation and whole-life cost',
    startDaysAgo: 90,
    days: 40,
    evidenceType: 'specification-procurement',
    role: 'contributed',
    description: `The Trust replaced four mobile X-ray units, which used computed radiography cassettes, with wireless digital units. I was the physics member of the procurement group, with the radiography manager, ward radiographers, IT, infection prevention, the procurement team and finance.

**My part:**

- I wrote the physics and radiation protection section of the specification: generator performance, exposure index to IEC 62494-1, dose reports exported to the dose management system, detectors that can be shared with the fixed rooms, and the exposure switch on a cable long enough to stand 2 m from the patient.
- With infection prevention I added requirements for sealed, cleanable surfaces compatible with chlorine-based wipes.
- I scored the technical responses of three bids against the agreed weighting, with the radiographers scoring usability.
- I contributed to the whole-life cost over seven years within the capital budget of £380,000: purchase, service contracts, detector replacement after drops (the most common failure on mobiles), and training. The cheapest bid became the second most expensive once detector cover was included, which changed the ranking.
- Through the regional physics network I asked physicists at two other Trusts about their experience of the shortlisted models.

The group's recommendation was accepted by the capital committee; I will lead the acceptance tests when the units arrive.`,
    reflection: `I had not appreciated how much of procurement is about money over the life of the equipment rather than the purchase price. The detector drop rate, which I learned about from the other Trusts, turned out to matter more than any of the technical scores.

It was also my first time seeing how the Trust's capital process works and who decides. Writing for finance colleagues, I had to express physics requirements as risks and costs, which was a useful discipline. Next time I would ask for the other Trusts' service records earlier, before the scoring, not after.`,
    claims: [
      {
        area: 'Prof11',
        statement:
          'I contributed a whole-life cost appraisal within the capital budget and drew on other Trusts’ experience, which changed the ranking of the bids.',
        competencies: ['Prof-SC11'],
      },
      {
        area: 'Prof7',
        statement:
          'I worked with radiographers, IT, infection prevention, procurement and finance to turn their requirements into one specification and shared scoring.',
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'dr-msf',
    title: 'Multi-source feedback from radiographers, engineers, radiologists and physicists, with my reflection',
    startDaysAgo: 75,
    days: 20,
    evidenceType: 'feedback',
    role: 'led',
    description: `Multi-source feedback collected with the department's form from twelve colleagues: four radiographers, two engineers, two radiologists, three physicists and the trainee I supervise. Each rated me from 1 to 5 and could add comments.

| Area | Mean rating |
| --- | --- |
| Scientific and technical knowledge | 4.3 |
| Communication with colleagues | 4.6 |
| Team working | 4.7 |
| Reliability and follow-up | 4.4 |
| Professional behaviour | 4.8 |

**Themes in the comments:**

- **Strengths**: approachable and explains clearly; follows up on problems without being chased; respects the radiographers' time when testing rooms.
- **To develop**: sometimes does not say she is unsure until late in a piece of work; written reports are longer than they need to be; could hand routine bookings to the QA administrator.

**Actions agreed with my supervisor:**

1. State my confidence and open questions at the start of any piece of advice, and raise uncertainty at the first check-in rather than the last.
2. Put a one-paragraph summary at the top of every report.
3. Hand routine test bookings to the QA administrator.`,
    reflection: `The comment about saying I am unsure too late was uncomfortable, because it was true, and it echoed my workload reflection: I try to solve things alone before asking. The HCPC standards expect me to recognise the limits of my knowledge and seek advice; the feedback showed me that colleagues notice when I do not.

I was pleased that the radiographers commented on respecting their time, because I had worked on that deliberately. Since the feedback I have put a summary at the top of every report, and two of my reports since have been half the length of my earlier ones.`,
    claims: [
      {
        area: 'Prof1',
        statement:
          'I sought feedback on my conduct against the HCPC standards of proficiency and set actions where colleagues found me falling short, such as raising uncertainty earlier.',
        competencies: ['Prof-SC2'],
      },
      {
        area: 'Prof7',
        statement:
          'Feedback from radiographers, engineers and radiologists shows how I work in the multidisciplinary team, and I acted on their comments about my reports.',
      },
    ],
    review: { status: 'verified' },
  },
  {
    key: 'dr-rpc-minutes',
    title: 'Radiation Protection Committee: presenting the CT re-audit and the theatre risk assessment review',
    startDaysAgo: 55,
    evidenceType: 'meeting-minutes',
    role: 'contributed',
    description: `Extract from the minutes of the Trust's Radiation Protection Committee, whose members include the Radiation Protection Adviser, the Medical Physics Expert, the Radiation Protection Supervisors and representatives of radiology, cardiology, theatres and nuclear medicine.

I presented two items:

1. **CT diagnostic reference levels: re-audit.** The harmonised protocol for kidneys, ureters and bladder had brought the two scanners' doses within 5% of each other. The committee noted the re-audit and closed the action from the original audit.
2. **Orthopaedic theatre C-arm: six-month review of the risk assessment.** Staff dosemeter results for the theatre team were all at or below the minimum reportable dose, consistent with my estimates. One finding: the warning light at one door had failed and was not reported for a week. I proposed adding the light to the theatre's daily checklist, which was agreed.

**Questions recorded.** The cardiology representative asked whether similar DRL work was planned for the catheter laboratories. I explained that cardiac procedures need DRLs by procedure type and patient size, and the committee agreed to add it to next year's audit programme, with me as lead.

**Actions assigned to me:** draft the catheter laboratory audit plan for the next meeting; circulate the updated theatre checklist.

As part of my development I also drafted the minutes of the meeting, which the chair reviewed before they were circulated.`,
    reflection: `Presenting to the committee felt more formal than any meeting I had been to, but preparing a one-paragraph summary for each item, as my multi-source feedback suggested, made it straightforward. Drafting the minutes taught me how decisions are recorded and why the wording of an action matters: "consider" and "agree" lead to very different follow-up.

I was pleased to be given the catheter laboratory audit, and a little daunted; I have started by reading how other centres set DRLs for cardiac procedures.`,
    claims: [
      {
        area: 'Com4',
        statement:
          'I reported the outcome of the CT re-audit and the risk assessment review to the committee and answered questions on extending the work to cardiology.',
        competencies: ['Com-SC3'],
      },
      {
        area: 'Prof6',
        statement:
          'I report audits to the Trust’s radiation protection committee, as the minutes show, and I carry out and close the actions assigned to me.',
        competencies: ['Prof-SC4', 'Prof-SC11'],
      },
    ],
    review: { status: 'verified' },
  },
]
