/**
 * Word lists and sentence templates for the benchmark data set: the kind of
 * evidence a medical physics or clinical engineering trainee logs, written the
 * way trainees write it. Everything is invented; there is no patient in here,
 * no name, no identifier (nothing the patient-data scanner would flag).
 *
 * `{slot}` in a template is filled from SLOTS (a random entry) or from the
 * values passed in (`{monthYear}`, `{activity}`); numbers come from NUMBERS.
 */
import type { Random } from './lib'

export type DomainKey = 'Sci' | 'Clin' | 'Tech' | 'R&D' | 'Com' | 'PS' | 'Prof'

export interface Topic {
  key: string
  titles: string[]
  /** Evidence type keys (competences/evidence-types.json) with weights. */
  types: [string, number][]
  /** Domains this kind of work usually evidences, most likely first. */
  domains: DomainKey[]
  /** Short noun phrases for the claim sentences: "the monthly output check". */
  activities: string[]
  context: string[]
  method: string[]
  results: string[]
  /** Lines of a Markdown list of results, when the item has one. */
  listItems?: string[]
  reflection: string[]
}

const SLOTS: Record<string, readonly string[]> = {
  linac: ['Linac 1', 'Linac 2', 'Linac 3', 'Linac 4', 'the Halcyon', 'the bunker 5 TrueBeam'],
  photonEnergy: ['6 MV', '10 MV', '6 MV FFF', '10 MV FFF', '15 MV'],
  electronEnergy: ['6 MeV', '9 MeV', '12 MeV', '15 MeV', '18 MeV'],
  chamber: [
    'Farmer-type ionisation chamber',
    'parallel-plate chamber',
    'diode array',
    'ionisation chamber array',
    'semiflex chamber',
  ],
  scanner: ['CT1', 'CT2', 'the emergency department CT scanner', 'the radiotherapy CT simulator', 'the PET-CT scanner'],
  ctProtocol: [
    'routine head',
    'CT pulmonary angiogram',
    'chest-abdomen-pelvis',
    'paediatric head',
    'CT colonography',
    'low-dose lung screening',
  ],
  isotope: ['Tc-99m', 'I-131', 'F-18', 'Lu-177', 'Ga-68', 'I-123', 'Ra-223'],
  mriField: ['1.5 T', '3 T'],
  implant: [
    'cardiac pacemaker',
    'cochlear implant',
    'deep brain stimulator',
    'programmable shunt valve',
    'spinal cord stimulator',
    'insulin pump',
  ],
  room: [
    'the new interventional radiology suite',
    'the cardiac catheter lab',
    'the hot lab',
    'the brachytherapy suite',
    'a dental X-ray room',
    'the theatre C-arm area',
  ],
  team: [
    'radiotherapy physics team',
    'CT radiographers',
    'nuclear medicine technologists',
    'MRI safety group',
    'radiation protection committee',
    'clinical engineering workshop',
    'treatment planning team',
    'multidisciplinary team',
  ],
  audience: [
    'first-year student radiographers',
    'newly qualified radiographers',
    'foundation doctors',
    'theatre staff',
    'ward nursing staff',
    'junior trainees in the department',
    'dental nurses',
  ],
  device: [
    'infusion pumps',
    'defibrillators',
    'patient monitors',
    'syringe drivers',
    'ventilators',
    'electrosurgical units',
  ],
  usProbe: ['linear array probe', 'curvilinear probe', 'endocavity probe', 'phased array probe'],
  incident: [
    'a repeated CT acquisition that gave a higher dose than intended',
    'treatment delivered without the planned bolus',
    'unexpected contamination found in the hot lab',
    'an MLC interlock fault during treatment',
    'an out-of-date calibration factor used in a spreadsheet',
    'a projectile near miss in the MRI controlled access area',
  ],
  site: ['prostate', 'head and neck', 'lung SABR', 'breast with nodal irradiation', 'oesophagus', 'brain metastases'],
  project: [
    'automating daily QA analysis with Python',
    'deep-inspiration breath hold for left-sided breast treatment',
    'size-specific dose estimates in paediatric CT',
    'in vivo dosimetry with electronic portal imaging',
    'MR-only planning for prostate radiotherapy',
    'reducing staff doses in interventional cardiology',
  ],
  course: [
    'IPEM radiotherapy physics course',
    'ESTRO physics of modern radiotherapy course',
    'MRI safety expert course',
    'regional radiation protection study day',
    'leadership skills workshop for scientists',
  ],
  meeting: [
    'radiation protection committee',
    'radiotherapy quality management meeting',
    'medical exposures committee',
    'equipment procurement steering group',
    'MRI safety committee',
  ],
  phantom: [
    'water phantom',
    'solid water slab phantom',
    'CTDI phantom',
    'uniformity phantom',
    'tissue-mimicking phantom',
    'ACR accreditation phantom',
  ],
  software: [
    'a spreadsheet checked against the code of practice',
    'the treatment planning system',
    'an in-house Python script',
    'the dose management system',
    'the QA database',
  ],
  standard: [
    'IPEM Report 81',
    'IRR17',
    'IR(ME)R 2017',
    'the IAEA TRS-398 code of practice',
    'MHRA guidance on MRI safety',
    'IEC 60601',
  ],
}

const NUMBERS: Record<string, (r: Random) => string> = {
  pct: (r) => (r.int(1, 25) / 10).toFixed(1),
  tol: (r) => r.pick(['1', '2', '3', '5']),
  n: (r) => String(r.int(3, 24)),
  bigN: (r) => String(r.int(40, 380)),
  mgy: (r) => (r.int(20, 900) / 10).toFixed(1),
  hours: (r) => String(r.int(1, 6)),
  weeks: (r) => String(r.int(2, 12)),
  score: (r) => (r.int(36, 50) / 10).toFixed(1),
}

export const TOPICS: Topic[] = [
  {
    key: 'linac-qa',
    titles: [
      'Monthly output QA on {linac} ({monthYear})',
      'Annual calibration of {photonEnergy} photon output on {linac}',
      'Commissioning {electronEnergy} electron beam data on {linac}',
      'MLC leaf position QA on {linac} using picket fence tests',
      'Beam flatness and symmetry checks after a magnetron change on {linac}',
    ],
    types: [
      ['commissioning-qa-report', 3],
      ['calibration-report', 3],
      ['data-analysis', 2],
      ['quality-document', 1],
    ],
    domains: ['Tech', 'Sci', 'PS', 'Clin'],
    activities: [
      'the linac output measurements',
      'the monthly machine QA',
      'the beam calibration',
      'the MLC QA analysis',
      'the beam data commissioning',
    ],
    context: [
      'Routine quality assurance of the linear accelerators is required so that the dose delivered matches the dose planned within tolerance.',
      'This check is part of the monthly QA schedule for {linac}, which treats mainly {site} patients.',
      'After an engineering intervention on {linac}, the machine could not return to clinical use until the output had been verified by physics.',
      'The department follows {standard} for reference dosimetry, with local tolerances of {tol}% for output.',
      'I carried out this work under the supervision of a senior physicist, who reviewed my results before sign-off.',
    ],
    method: [
      'I set up the {chamber} in the {phantom} at the reference depth and source-to-surface distance, and checked the set-up with the front pointer.',
      'Readings were corrected for temperature and pressure, polarity and ion recombination using {software}.',
      'I measured {photonEnergy} and {electronEnergy} beams, taking three readings at each energy and using the mean.',
      'The picket fence images were acquired on the portal imager and analysed for leaf position errors against a tolerance of 0.5 mm.',
      'Profiles were taken in the {phantom} in both inline and crossline directions at {n} depths.',
      'I compared every result with the baseline recorded at commissioning and with the previous {n} months of results.',
    ],
    results: [
      'All outputs were within {pct}% of baseline, inside the {tol}% tolerance, so no adjustment was needed.',
      'One energy was {pct}% high; after discussion with the senior physicist the output was adjusted and re-measured before clinical release.',
      'The trend over the last year showed a slow drift that we will keep under review at the next service visit.',
      'Flatness and symmetry were within tolerance at every depth, and the results were entered in the QA database.',
      'The uncertainty budget gave a combined standard uncertainty of {pct}% on the output measurement.',
    ],
    listItems: [
      '{photonEnergy} photons: {pct}% from baseline',
      '{electronEnergy} electrons: {pct}% from baseline',
      'MLC leaf position: largest error 0.{n} mm',
      'Symmetry: {pct}% (tolerance {tol}%)',
      'Temperature and pressure correction applied: 1.0{n}',
    ],
    reflection: [
      'Doing the measurements myself made me understand why each correction factor matters, rather than just filling in a spreadsheet.',
      'I was initially slow at setting up the phantom, and I learned to check the set-up systematically before taking any reading.',
      'When one result was out of tolerance I felt pressure to get the machine back to clinical use quickly, but I learned that checking the set-up first is always worth the time.',
      'I now look at results as a trend over time rather than a single pass or fail.',
    ],
  },
  {
    key: 'ct-dose-audit',
    titles: [
      'CT dose audit: {ctProtocol} protocol on {scanner}',
      'Comparison of local CT doses with national diagnostic reference levels ({ctProtocol})',
      'Optimisation of the {ctProtocol} protocol on {scanner}',
      'Setting local diagnostic reference levels for {ctProtocol} CT',
    ],
    types: [
      ['audit', 4],
      ['data-analysis', 2],
      ['scientific-report', 1],
      ['meeting-minutes', 1],
    ],
    domains: ['Clin', 'Sci', 'R&D', 'Com'],
    activities: [
      'the CT dose audit',
      'the protocol optimisation',
      'the comparison with reference levels',
      'the dose data analysis',
    ],
    context: [
      'IR(ME)R 2017 requires employers to establish and review diagnostic reference levels, and this audit was part of that review.',
      'The {ctProtocol} protocol on {scanner} had been flagged by the dose management system as frequently above the local reference level.',
      'The audit covered {bigN} examinations over a period of {weeks} weeks, with data exported from the dose management system.',
      'The work was requested by the {team} after a new scanner software version was installed.',
    ],
    method: [
      'I extracted CTDIvol and DLP values for every examination and excluded studies with incomplete data or multiple phases.',
      'I calculated the median values for standard-sized adults and compared them with the national diagnostic reference levels.',
      'I checked the displayed CTDIvol against a measurement in the CTDI phantom with a pencil chamber, which agreed within {pct}%.',
      'With a radiographer I reviewed the scan ranges on a sample of {n} studies to see whether overscanning explained the high doses.',
      'Image quality was assessed with the consultant radiologist using a simple scoring scale on {n} studies before and after the change.',
    ],
    results: [
      'The median DLP was {pct}% below the national reference level, but a tail of high-dose studies came from scan ranges extending too far.',
      'After the protocol change the median CTDIvol fell by {n}% with no loss of diagnostic image quality reported.',
      'I recommended updating the local reference levels and adding scan-range guidance to the protocol card.',
      'The results were presented to the medical exposures committee, which accepted the recommendations.',
    ],
    listItems: [
      'Examinations audited: {bigN}',
      'Median CTDIvol: {mgy} mGy',
      'Studies with extended scan range: {n}',
      'Agreement of displayed and measured CTDIvol: within {pct}%',
    ],
    reflection: [
      'I learned how much of dose optimisation depends on radiographers and radiologists, not just on physics measurements.',
      'Presenting the results to the committee was daunting, and I learned to lead with the clinical message rather than the statistics.',
      'I underestimated how long cleaning the exported data would take, and next time I will plan the data extraction more carefully.',
      'The audit showed me that a reference level is a tool for optimisation, not a limit.',
    ],
  },
  {
    key: 'mri-safety',
    titles: [
      'MRI safety risk assessment for a patient with a {implant} at {mriField}',
      'Review of the MRI safety screening procedure',
      'Acoustic noise and SAR survey on the {mriField} scanner',
      'MRI safety case study: scanning with a {implant}',
    ],
    types: [
      ['risk-assessment', 3],
      ['quality-document', 2],
      ['case-study', 2],
      ['correspondence', 1],
    ],
    domains: ['Clin', 'Prof', 'PS', 'Com'],
    activities: [
      'the MRI safety risk assessment',
      'the screening procedure review',
      'the implant scan decision',
      'the MRI safety advice',
    ],
    context: [
      'A request came to the MRI safety group to scan a patient with a {implant} on the {mriField} scanner.',
      'The MRI safety screening procedure was due for review under the department quality management system.',
      'MHRA guidance places responsibility for MRI safety with the MR responsible person, advised by the MR safety expert.',
      'I worked with the MR safety expert on this case as part of my MRI rotation.',
    ],
    method: [
      'I found the manufacturer conditions for the {implant}, including the static field, spatial field gradient and SAR limits.',
      'I checked the scanner field maps to see where the spatial field gradient limit could be exceeded in the bore.',
      'I drafted a scan plan with the radiographers, limiting SAR to normal operating mode and shortening the sequences.',
      'I compared the existing screening form with national guidance and with forms from {n} other departments.',
      'I measured acoustic noise at the operator position and in the bore with a calibrated sound level meter.',
    ],
    results: [
      'The scan went ahead under the conditions agreed, with the device programmed to MR mode before and reset after the scan.',
      'The revised screening form was approved by the MRI safety committee and introduced after staff training.',
      'Noise levels at the operator position were below the action values, and the results were added to the risk assessment.',
      'We decided not to scan at {mriField} because the conditions could not be met, and recommended an alternative examination.',
    ],
    reflection: [
      'This case showed me how a physicist contributes to a clinical decision with real consequences for the patient.',
      'I was cautious about giving advice, and I learned to state clearly what the evidence supported and where uncertainty remained.',
      'Working through manufacturer documentation taught me to read conditions carefully rather than rely on a summary.',
      'I now appreciate how much MRI safety depends on clear communication between radiographers, radiologists and physics.',
    ],
  },
  {
    key: 'nm-calibration',
    titles: [
      'Radionuclide calibrator accuracy check for {isotope}',
      'Gamma camera uniformity and centre-of-rotation QA',
      'Activity measurement and uncertainty budget for {isotope} therapy',
      'Commissioning a new radionuclide calibrator in the hot lab',
    ],
    types: [
      ['calibration-report', 4],
      ['commissioning-qa-report', 2],
      ['data-analysis', 2],
    ],
    domains: ['Sci', 'Tech', 'Clin'],
    activities: [
      'the calibrator accuracy check',
      'the gamma camera QA',
      'the activity uncertainty budget',
      'the calibrator commissioning',
    ],
    context: [
      'Accurate activity measurement is essential because the administered activity determines both image quality and the dose to the patient.',
      'The radionuclide calibrator in the hot lab is checked against a traceable reference source every year for each radionuclide in use.',
      'This work supported the introduction of {isotope} therapy in the department.',
      'Gamma camera QA follows the schedule in {standard}, with weekly uniformity checks by the technologists.',
    ],
    method: [
      'I measured the reference source in the calibrator at the {isotope} setting and compared the reading with the decay-corrected certificate value.',
      'I checked the geometry dependence by measuring the same activity in a vial and a syringe.',
      'I acquired intrinsic flood images with a point source and analysed integral and differential uniformity.',
      'I built an uncertainty budget including the source certificate, geometry, dead time and reading repeatability.',
      'I repeated the constancy checks with the Cs-137 source over {n} days to establish a baseline.',
    ],
    results: [
      'The calibrator agreed with the reference value within {pct}%, inside the {tol}% tolerance.',
      'A geometry correction of {pct}% was needed for syringes, and the local procedure was updated to include it.',
      'Integral uniformity was within tolerance for both detectors, and the centre of rotation offset was below half a pixel.',
      'The combined standard uncertainty of the administered activity was {pct}%.',
    ],
    listItems: [
      '{isotope} setting: {pct}% from reference',
      'Integral uniformity, detector 1: {pct}%',
      'Integral uniformity, detector 2: {pct}%',
      'Geometry factor, syringe: 0.9{n}',
    ],
    reflection: [
      'Building the uncertainty budget myself showed me which contributions dominate and where effort to improve would pay off.',
      'I learned to plan measurements around the decay of short-lived radionuclides, which I had not thought about before.',
      'Working in the hot lab made me more aware of my own contamination monitoring and time spent near sources.',
      'I would next time agree the tolerance with my supervisor before measuring, rather than after.',
    ],
  },
  {
    key: 'teaching',
    titles: [
      'Teaching session on radiation protection for {audience}',
      'Practical workshop on dose optimisation for {audience}',
      'Induction talk on MRI safety for {audience}',
      'Lecture on the physics of image quality for {audience}',
    ],
    types: [
      ['training-delivered', 5],
      ['feedback', 2],
      ['publication-presentation', 1],
    ],
    domains: ['Com', 'Prof', 'Sci'],
    activities: ['the teaching session', 'the workshop I delivered', 'the induction talk', 'the lecture'],
    context: [
      'I was asked to deliver a {hours}-hour session to {audience} as part of their training programme.',
      'The session covered the principles of radiation protection, the dose limits and the local rules that apply to them.',
      'The teaching had been delivered by a senior colleague in previous years, and I updated the material.',
      'There were about {n} attendees with a wide range of prior knowledge.',
    ],
    method: [
      'I set learning outcomes first and built the session around them, with a short quiz at the start and the end.',
      'I used practical demonstrations with a dose-rate meter to show the effect of time, distance and shielding.',
      'I included worked examples from local practice so that the content was relevant to their daily work.',
      'I collected anonymous feedback with a short form at the end of the session.',
      'I asked a senior colleague to observe and give me feedback on my delivery.',
    ],
    results: [
      'Average quiz scores improved markedly between the start and the end of the session, most of all on the questions about dose limits.',
      'Feedback was positive, with an average rating of {score} out of 5, and several attendees asked for more practical examples.',
      'My observer suggested that I slow down and check understanding more often.',
      'The material has been added to the department teaching folder for others to use.',
    ],
    reflection: [
      'Teaching made me realise which parts of the subject I understood less well than I thought, and I revised them beforehand.',
      'I learned to adapt explanations to an audience without a physics background and to avoid jargon.',
      'Next time I will include more interactive elements, because attention dropped during the longer slides.',
      'I found it rewarding to see attendees connect the principles to their own practice.',
    ],
  },
  {
    key: 'incident',
    titles: [
      'Investigation of an incident: {incident}',
      'Root-cause analysis after {incident}',
      'Out-of-specification investigation on {linac}',
      'Learning from an incident: {incident}',
    ],
    types: [
      ['incident-investigation', 5],
      ['risk-assessment', 1],
      ['reflection', 1],
    ],
    domains: ['PS', 'Prof', 'Clin', 'Com'],
    activities: [
      'the incident investigation',
      'the root-cause analysis',
      'the corrective action plan',
      'the out-of-specification investigation',
    ],
    context: [
      'The incident was reported through the local reporting system and the physics team was asked to investigate.',
      'The event involved {incident}, and it was assessed against the criteria for notification to the regulator.',
      'I took part in the investigation alongside a senior physicist and the lead radiographer.',
      'The department has a just culture approach to incidents, focusing on systems rather than individuals.',
    ],
    method: [
      'I gathered the facts from the records, the system logs and short interviews with the staff involved.',
      'I estimated the additional dose using the recorded exposure parameters and {software}.',
      'We used a root-cause analysis framework to separate contributing factors from the root cause.',
      'I checked whether similar events had happened before by searching the incident database for the previous {n} years.',
      'I drafted the investigation report and the action plan for review by the radiation protection adviser.',
    ],
    results: [
      'The additional effective dose was estimated at 0.{n} mSv, below the threshold for notification, and the patient was informed under the duty of candour.',
      'The root cause was a gap in the checking procedure, and a second check was added to the protocol.',
      'The actions were agreed at the radiation protection committee and their completion will be audited in {weeks} weeks.',
      'The learning was shared at the departmental safety meeting without identifying individuals.',
    ],
    reflection: [
      'I learned that the first explanation offered is rarely the whole story, and that careful fact-finding matters.',
      'Talking to staff after an incident needs sensitivity, and I learned to ask open questions without implying blame.',
      'This experience made me more aware of my own checking habits and how easily a step can be skipped under pressure.',
      'I now understand how the regulatory framework shapes what happens after an incident.',
    ],
  },
  {
    key: 'radiation-protection',
    titles: [
      'Critical examination of {room}',
      'Shielding assessment for {room}',
      'Personal dosimetry review for staff working in {room}',
      'Radiation risk assessment for {room} under IRR17',
    ],
    types: [
      ['risk-assessment', 3],
      ['scientific-report', 2],
      ['commissioning-qa-report', 2],
    ],
    domains: ['Tech', 'Prof', 'Sci', 'PS'],
    activities: [
      'the critical examination',
      'the shielding assessment',
      'the dosimetry review',
      'the radiation risk assessment',
    ],
    context: [
      'Under IRR17 a critical examination is required before new or modified equipment is used.',
      'Work in {room} had changed, and the existing risk assessment no longer reflected the workload.',
      'The shielding design was based on the expected workload provided by the clinical team.',
      'Staff doses in {room} had risen over the previous {n} months, and the radiation protection adviser asked for a review.',
    ],
    method: [
      'I surveyed the room with a calibrated dose-rate meter and a scatter phantom at the maximum clinical settings.',
      'I checked the warning signs, interlocks and the controlled area arrangements against the local rules.',
      'I calculated the required lead equivalence from the workload, occupancy and distance for each barrier.',
      'I reviewed the personal dosimetry records and compared them with the workload recorded for the same period.',
    ],
    results: [
      'Dose rates outside the barriers were below the design constraint, and the room was passed for clinical use.',
      'One interlock did not operate as intended, and the installer corrected it before the room was released.',
      'The rise in staff dose was explained by a new procedure, and additional ceiling-suspended shielding was recommended.',
      'The risk assessment and local rules were updated and signed off by the radiation protection supervisor.',
    ],
    reflection: [
      'I learned how much practical judgement goes into a critical examination beyond the measurements themselves.',
      'Explaining the findings to the clinical team helped me to see the constraints they work under.',
      'I felt more confident using survey meters after this work, and I now check their calibration certificates first.',
      'I would plan the survey with the installer earlier next time so that faults can be fixed on the same day.',
    ],
  },
  {
    key: 'planning',
    titles: [
      'Treatment planning study: VMAT versus IMRT for {site}',
      'Patient-specific QA results for {site} plans',
      'Audit of independent monitor unit checks',
      'Planning case study: {site}',
    ],
    types: [
      ['data-analysis', 2],
      ['case-study', 2],
      ['project-abstract', 1],
      ['scientific-report', 2],
    ],
    domains: ['Clin', 'Sci', 'R&D', 'PS'],
    activities: [
      'the planning comparison',
      'the patient-specific QA review',
      'the planning case study',
      'the monitor unit check audit',
    ],
    context: [
      'The department was considering a change of planning technique for {site} treatments.',
      'Patient-specific QA is performed for every complex plan before the first fraction.',
      'I planned {n} anonymised datasets from the planning system training area, with no identifiable information.',
      'The study was agreed with the head of radiotherapy physics as part of my planning rotation.',
    ],
    method: [
      'I created plans with both techniques to the same clinical goals and compared target coverage and organ-at-risk doses.',
      'I measured each plan with the {chamber} and analysed the results with a gamma criterion of 3% and 2 mm.',
      'I compared the independent monitor unit check with the planning system for {bigN} plans.',
      'I recorded planning time and delivery time for each plan as well as dosimetric measures.',
    ],
    results: [
      'Target coverage was similar, while the mean dose to the main organ at risk fell by {pct} Gy with the new technique.',
      'All plans passed gamma analysis, with a lowest pass rate of 9{n}%.',
      'The monitor unit checks agreed within {tol}% for all but {n} plans, which were explained by heterogeneity.',
      'I presented the comparison at the planning meeting, and the team agreed to pilot the new technique.',
    ],
    reflection: [
      'I learned that a better dose distribution on paper must be weighed against delivery time and robustness.',
      'Presenting to dosimetrists and clinicians taught me to show the evidence simply and answer questions honestly.',
      'I now understand the limitations of gamma analysis and how a pass can hide clinically relevant differences.',
      'Planning cases myself gave me a better feel for the trade-offs the planners make every day.',
    ],
  },
  {
    key: 'clinical-engineering',
    titles: [
      'Acceptance testing of new {device}',
      'Planned preventive maintenance review for {device}',
      'User requirement specification for replacement {device}',
      'Equipment fault investigation: {device}',
    ],
    types: [
      ['specification-procurement', 3],
      ['commissioning-qa-report', 2],
      ['quality-document', 2],
      ['incident-investigation', 1],
    ],
    domains: ['Tech', 'Prof', 'Com', 'PS'],
    activities: [
      'the acceptance testing',
      'the maintenance review',
      'the user requirement specification',
      'the fault investigation',
    ],
    context: [
      'The trust was replacing its fleet of {device}, and clinical engineering led the technical evaluation.',
      'Acceptance testing makes sure that new equipment is safe, works as specified and is recorded on the asset database.',
      'The planned maintenance schedule for {device} had not been reviewed since the contract changed.',
      'A fault with {device} was reported by a ward, and the device was quarantined for investigation.',
    ],
    method: [
      'I carried out electrical safety tests to {standard} and functional checks against the manufacturer specification.',
      'I gathered requirements from users on {n} wards and translated them into measurable criteria.',
      'I compared the maintenance history of {bigN} devices with the manufacturer recommended intervals.',
      'I scored the tenders against the specification with colleagues and included whole-life costs.',
    ],
    results: [
      'All devices passed acceptance testing apart from {n}, which were returned to the supplier.',
      'The specification was used in the tender, and the preferred supplier was chosen within budget.',
      'The maintenance interval was extended for low-risk devices, saving workshop time without raising the failure rate.',
      'The fault was traced to a damaged connector, and a check was added to the user inspection routine.',
    ],
    reflection: [
      'Talking to users showed me that ease of use and cleaning mattered to them as much as technical performance.',
      'I learned how procurement rules shape what a specification may and may not ask for.',
      'I now think about the whole life of a device, from purchase to disposal, rather than only its performance.',
      'I was unsure how to handle conflicting user requirements, and I learned to make the trade-off explicit.',
    ],
  },
  {
    key: 'research',
    titles: [
      'Service development project: {project}',
      'Conference poster: {project}',
      'Literature review on {project}',
      'Project abstract: {project}',
    ],
    types: [
      ['project-abstract', 3],
      ['publication-presentation', 3],
      ['data-analysis', 1],
      ['scientific-report', 1],
    ],
    domains: ['R&D', 'Sci', 'Com', 'PS'],
    activities: [
      'the service development project',
      'the literature review',
      'the poster presentation',
      'the project write-up',
    ],
    context: [
      'The project grew out of a need identified in the department for {project}.',
      'I led the project under the supervision of a clinical scientist, and it counts towards my higher-degree work.',
      'The work was registered as a service evaluation, so research ethics approval was not required.',
      'The aim was to find whether {project} could be introduced safely with the resources available.',
    ],
    method: [
      'I searched the literature systematically and appraised {n} relevant papers for quality and relevance.',
      'I wrote a project plan with milestones and agreed it with my supervisor and the service manager.',
      'I collected data over {weeks} weeks and analysed it with {software}.',
      'I validated the method against the existing manual process on {bigN} cases.',
    ],
    results: [
      'The method agreed with the existing process within {pct}% and reduced the time taken considerably.',
      'The poster was accepted at the national conference and generated useful discussion with other centres.',
      'The project recommendations were adopted, and a protocol was written for routine use.',
      'The review identified gaps in the evidence that a larger study would need to address.',
    ],
    reflection: [
      'Managing the project showed me how easily timelines slip and why agreeing milestones early helps.',
      'Appraising papers critically was harder than I expected, and I learned to look at methods before conclusions.',
      'Presenting the poster gave me confidence to discuss my work with scientists from other centres.',
      'I would involve the end users earlier next time so that the result fits their workflow.',
    ],
  },
  {
    key: 'ultrasound',
    titles: [
      'Ultrasound QA of a {usProbe} with a tissue-mimicking phantom',
      'Baseline measurements for new ultrasound scanners',
      'Investigation of image artefacts on a {usProbe}',
    ],
    types: [
      ['commissioning-qa-report', 3],
      ['data-analysis', 2],
      ['incident-investigation', 1],
    ],
    domains: ['Tech', 'Sci', 'PS'],
    activities: ['the ultrasound QA', 'the baseline measurements', 'the artefact investigation'],
    context: [
      'Ultrasound QA in the department uses a tissue-mimicking phantom and an in-air reverberation test.',
      'New scanners arrived for the maternity unit, and baseline measurements were needed before clinical use.',
      'A sonographer reported a dark band on images from a {usProbe}.',
    ],
    method: [
      'I measured penetration depth, resolution and dead zone in the phantom at the standard presets.',
      'I recorded in-air reverberation images for every probe and stored them as baselines.',
      'I compared the suspect probe with an identical probe on the same scanner to isolate the fault.',
    ],
    results: [
      'All probes met the acceptance criteria, and the baselines were added to the QA database.',
      'The in-air test showed dropout from a few elements, and the probe was sent for repair.',
      'Penetration depth was within {pct} mm of the manufacturer value for every probe.',
    ],
    reflection: [
      'I learned how simple tests such as the in-air reverberation test can reveal faults that users only notice late.',
      'Working with sonographers helped me understand what image quality means to them clinically.',
      'I would now document presets more carefully, because different presets gave different results.',
    ],
  },
  {
    key: 'professional',
    titles: [
      'Attendance at the {course}',
      'Minutes of the {meeting}',
      'Reflection on my first on-call experience',
      'Multi-source feedback from my placement',
      'Reflection on working within my scope of practice',
    ],
    types: [
      ['cpd-record', 3],
      ['meeting-minutes', 2],
      ['reflection', 3],
      ['feedback', 1],
    ],
    domains: ['Prof', 'Com', 'PS'],
    activities: ['this course', 'the committee meeting', 'this reflection', 'the feedback I received'],
    context: [
      'I attended the {course} as part of my continuing professional development.',
      'I attend the {meeting} as an observer and took the minutes for this meeting.',
      'This reflection follows a situation where I was unsure whether a decision was within my competence.',
      'Feedback was collected from {n} colleagues, including scientists, radiographers and a clinician.',
    ],
    method: [
      'I prepared by reading the course material and noting questions from my own practice.',
      'I wrote up the actions and circulated the minutes to members within a week.',
      'I discussed the situation with my supervisor and used a structured reflective model to think it through.',
      'I compared the feedback with my own self-assessment to find differences.',
    ],
    results: [
      'I brought back ideas for improving our local procedures and shared them at the team meeting.',
      'The actions from the meeting were tracked and most were closed by the next meeting.',
      'The feedback highlighted my reliability and asked me to speak up more in meetings.',
      'I agreed a development plan with my supervisor that addresses the gaps identified.',
    ],
    reflection: [
      'I recognised the limits of my competence and asked for help at the right time, which is what the standards of proficiency expect.',
      'I learned that good minutes record decisions and owners rather than the whole discussion.',
      'The feedback was uncomfortable to read in places, but it gave me specific things to work on.',
      'I now keep a record of my CPD as I go rather than at the end of the year.',
    ],
  },
]

const GENERIC_CONTEXT = [
  'The work took place during my rotation in this area of the department.',
  'My supervisor agreed the scope of the work with me beforehand and reviewed the outcome.',
  'The relevant local procedure and the department quality system set out how the work should be done.',
  'I have anonymised all clinical information; no patient can be identified from this record.',
]

const GENERIC_DESCRIPTION = [
  'All results were recorded in the department QA system and signed off by a registered clinical scientist.',
  'I kept a record of the equipment used, including calibration dates, so that the measurements are traceable.',
  'I discussed the results with the {team} before they were finalised.',
  'Attached documents were checked for identifiable information before being added to the portfolio.',
  'I followed the local procedure throughout and noted where it was unclear so that it can be revised.',
  'The work took about {hours} hours spread over {n} sessions, fitted around routine clinical work.',
  'The outcome was fed back to the {team} at the next team meeting.',
  'I referred to {standard} throughout to make sure the approach was consistent with national guidance.',
]

const GENERIC_REFLECTION = [
  'What went well was my preparation: I read the procedure and the relevant guidance before starting.',
  'What I would do differently is ask for feedback earlier rather than waiting until the work was complete.',
  'This experience showed me how the scientific work connects to the care patients receive.',
  'I discussed this reflection with my supervisor, who suggested I look for a similar opportunity to consolidate what I learned.',
  'Looking back, I was more confident by the end than at the start, and I can now do this with less supervision.',
  'I have identified a gap in my knowledge of the underlying theory and have planned some reading to address it.',
  'I learned the importance of documenting decisions as they are made, not afterwards.',
  'Working with colleagues from other professions helped me understand their priorities and constraints.',
  'My action plan is to repeat this work independently within the next few months and compare my approach.',
  'It reminded me that accuracy and clear communication matter as much as technical skill.',
]

const REFLECTION_OPENERS = ['**What happened.**', '**What I learned.**', '**What next.**']

/** Claim sentences by domain; `{activity}` is the item's activity phrase. Each fills to 10–25 words. */
const CLAIM_TEMPLATES: Record<DomainKey, string[]> = {
  Sci: [
    'I applied my understanding of the underlying physics to interpret {activity} and judge whether the results were clinically acceptable.',
    'In {activity} I explained the science behind each step and why the measured values behave as they do.',
    'I critically appraised how {activity} is done locally against national guidance and the published literature.',
    'Through {activity} I judged the effectiveness of the current procedure and identified where it could be improved.',
  ],
  Clin: [
    'I considered how the outcome of {activity} would affect clinical decisions and discussed the implications with the {team}.',
    'During {activity} I kept the patient pathway in mind and explained the clinical relevance of the results.',
    'I identified which clinical decision {activity} informs and made sure the results reached the people who needed them.',
  ],
  Tech: [
    'I performed {activity} myself following the local procedure, recording uncertainties and comparing every result against tolerance.',
    'In {activity} I used specialist equipment safely and checked its calibration status before taking measurements.',
    'I recorded {activity} in the quality system so that the results are traceable and can be audited later.',
    'I set up and operated the equipment for {activity} and checked that it was working correctly before use.',
  ],
  'R&D': [
    'I searched the literature for published methods relevant to {activity} and compared them with our local approach.',
    'I planned {activity} as a small project with clear aims, methods and milestones agreed with my supervisor.',
    'I analysed the data from {activity} with appropriate statistics and stated the limitations of the conclusions.',
  ],
  Com: [
    'I wrote a concise report of {activity} for the {team} and presented the key findings at the team meeting.',
    'I explained {activity} to colleagues without a physics background, adapting my language to the audience.',
    'I shared the outcome of {activity} in writing and answered questions from the {team} afterwards.',
  ],
  PS: [
    'When a problem arose in {activity} I investigated possible causes systematically and documented the corrective action.',
    'I used the results of {activity} to identify the root of the problem and proposed a practical solution.',
    'During {activity} I weighed the options against the evidence and recommended the safest workable course of action.',
  ],
  Prof: [
    'I worked within my scope of practice during {activity} and escalated decisions beyond my competence to my supervisor.',
    'I reflected on {activity} and identified specific learning needs, which I have added to my development plan.',
    'Throughout {activity} I followed the relevant legislation and local rules and kept accurate, confidential records.',
    'I took responsibility for my part in {activity} and made sure my work was checked before it was used.',
  ],
}

/** Fills `{slot}` placeholders from `values`, then SLOTS, then NUMBERS. */
export function fill(template: string, random: Random, values: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (values[name] !== undefined) return values[name]!
    const list = SLOTS[name]
    if (list) return random.pick(list)
    const number = NUMBERS[name]
    if (number) return number(random)
    throw new Error(`No filler for ${whole}`)
  })
}

const wordsIn = (text: string) => text.split(/\s+/).filter(Boolean).length

/** Sentences drawn from `pools` in turn (each shuffled, no repeats within an item) until about `targetWords`. */
function sentencesUpTo(
  random: Random,
  targetWords: number,
  pools: string[][],
  values: Record<string, string>,
): string[] {
  const queues = pools.map((pool) => random.shuffle(pool))
  const out: string[] = []
  let words = 0
  let i = 0
  while (words < targetWords && queues.some((q) => q.length > 0)) {
    const queue = queues[i++ % queues.length]!
    const template = queue.shift()
    if (!template) continue
    const sentence = fill(template, random, values)
    out.push(sentence)
    words += wordsIn(sentence)
  }
  return out
}

/** Groups sentences into paragraphs of 2–4. */
function paragraphs(random: Random, sentences: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < sentences.length;) {
    const n = random.int(2, 4)
    out.push(sentences.slice(i, i + n).join(' '))
    i += n
  }
  return out
}

export function title(random: Random, topic: Topic, values: Record<string, string>): string {
  return fill(random.pick(topic.titles), random, values)
}

/** A Markdown description of 120–650 words: context, method, results, sometimes a list of figures. */
export function description(random: Random, topic: Topic, values: Record<string, string>): string {
  const target = random.int(120, 650)
  const sentences = sentencesUpTo(
    random,
    target,
    [topic.context, topic.method, topic.results, GENERIC_DESCRIPTION, GENERIC_CONTEXT],
    values,
  )
  const parts = paragraphs(random, sentences)
  if (topic.listItems && random.chance(0.4)) {
    const lines = random.shuffle(topic.listItems).slice(0, random.int(2, topic.listItems.length))
    const list = lines.map((line) => `- ${fill(line, random, values)}`).join('\n')
    parts.splice(Math.min(parts.length, random.int(1, 2)), 0, `Summary of results:\n\n${list}`)
  }
  return parts.join('\n\n')
}

/** A Markdown reflection of 60–450 words; some use the what happened / learned / next headings. */
export function reflection(random: Random, topic: Topic, values: Record<string, string>): string {
  const target = random.int(60, 450)
  const sentences = sentencesUpTo(random, target, [topic.reflection, GENERIC_REFLECTION], values)
  const parts = paragraphs(random, sentences)
  if (parts.length >= 3 && random.chance(0.35)) {
    return parts.map((p, i) => (i < REFLECTION_OPENERS.length ? `${REFLECTION_OPENERS[i]} ${p}` : p)).join('\n\n')
  }
  return parts.join('\n\n')
}

/** A claim sentence of 10–25 words saying how the item shows an area of the given domain. */
export function claimStatement(
  random: Random,
  domain: DomainKey,
  topic: Topic,
  values: Record<string, string>,
): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    const sentence = fill(random.pick(CLAIM_TEMPLATES[domain]), random, {
      ...values,
      activity: random.pick(topic.activities),
    })
    const words = wordsIn(sentence)
    if (words >= 10 && words <= 25) return sentence
  }
  throw new Error(`No claim sentence of 10–25 words for ${domain} / ${topic.key}`)
}
