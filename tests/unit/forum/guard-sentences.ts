/**
 * A labelled set of invented forum sentences for the personal-data guard. No real people:
 * phone numbers use Ofcom's drama ranges, NHS numbers are made up (the valid ones pass the
 * modulus 11 check), National Insurance numbers and e-mail addresses are invented.
 *
 * `identifying: true` means the post should be stopped before it is saved, either because it
 * could identify a person or because it is a live safeguarding concern (`safeguarding: true`).
 * `kind` is the finding we would expect; it is left out for text that should be stopped but
 * that no detector is meant to catch (jigsaw identification).
 *
 * How it was written, so the score can be read for what it is:
 * 1. The first batch (most of the set) was written before the guard, by the same person who
 *    then wrote the guard, so the guard's authors knew the phrasing: it scores optimistically.
 * 2. The second batch ("Second batch" below) was written after the first run, to attack the
 *    guard. Before any change it scored recall 16/27 and precision 16/23. The guard was then
 *    improved with general rules (name then role in brackets, "the Johnson family", lower-case
 *    and unnumbered streets, more harm phrases), so it is no longer held out.
 * 3. The third batch was written after the last code change and run once: recall 11/14,
 *    precision 11/12. The code was not changed after that.
 *
 * Cases the guard is known to get wrong stay in, with a note, and count against the score:
 * - public numbers, mailboxes and buildings are labelled harmless, because they identify no
 *   family, although the guard flags every phone number, e-mail address and street address;
 * - identifying text with no pattern to catch (a name without a role word, lower-case names,
 *   a relative date of birth, a social media handle, jigsaw details) is labelled identifying.
 */
import type { FindingKind } from '../../../src/lib/domain/forum/guard.ts';

export interface LabelledSentence {
  text: string;
  identifying: boolean;
  kind?: FindingKind;
  /** A child may be at risk now: the post must be stopped and safeguarding procedures followed. */
  safeguarding?: boolean;
  /** Why the label was chosen, for the cases where it is debatable. */
  note?: string;
}

const nhs = (text: string, note?: string): LabelledSentence => ({ text, identifying: true, kind: 'nhs-number', note });
const ni = (text: string): LabelledSentence => ({ text, identifying: true, kind: 'ni-number' });
const postcode = (text: string): LabelledSentence => ({ text, identifying: true, kind: 'postcode' });
const dob = (text: string, note?: string): LabelledSentence => ({ text, identifying: true, kind: 'date-of-birth', note });
const phone = (text: string): LabelledSentence => ({ text, identifying: true, kind: 'phone' });
const email = (text: string, note?: string): LabelledSentence => ({ text, identifying: true, kind: 'email', note });
const address = (text: string, note?: string): LabelledSentence => ({ text, identifying: true, kind: 'address', note });
const name = (text: string, note?: string): LabelledSentence => ({ text, identifying: true, kind: 'name', note });
const reference = (text: string): LabelledSentence => ({ text, identifying: true, kind: 'case-reference' });
const risk = (text: string): LabelledSentence => ({ text, identifying: true, safeguarding: true });
const harmless = (text: string, note?: string): LabelledSentence => ({ text, identifying: false, note });

export const IDENTIFYING: readonly LabelledSentence[] = [
  // NHS numbers (all pass the modulus 11 check)
  nhs('Her NHS number is 943 476 5919 if that helps anyone check the GP record.'),
  nhs('NHS no: 401-023-2137, can someone from health confirm he is registered?'),
  nhs("Child's NHS number 4857773457 – school nurse has it on file."),
  nhs('Does anyone know why the portal rejected 450 557 7104 as an NHS number?'),
  nhs("Baby's NHS number (721 432 1122) isn't showing on the health visitor system."),
  nhs('nhs 412 345 6782, looked after child placed out of county'),
  nhs('I put 698-765-4328 in the referral form but it came back unmatched.'),
  nhs('Can health check 4702387650 for me please, mum says he has never been registered with a GP.'),
  nhs('The number on the red book is 609 112 2339.'),
  nhs('Is 433 2211 006 the right format for the NHS number field?', 'odd 3-4-3 grouping: expected miss'),
  nhs("Dad's NHS number is 755 000 3122 – he wants his records sent over."),

  // National Insurance numbers
  ni("Mum's NI number is JK 12 34 56 C, DWP need it for the UC claim."),
  ni('NINO: AB123456C – can the benefits adviser look into the sanction?'),
  ni('His national insurance number is ne 55 12 09 a, lower case on the letter.'),
  ni("Dad gave me his NI (TW 98 76 54 B) to sort the Carer's Allowance."),
  ni('She keeps writing her NI number as SK 30 11 42 D on every form.'),
  ni("Young person's new NI number: PR 44 56 71 A."),
  ni('nino ZA765432B came through today for the eldest'),
  ni('Can Jobcentre check CE 10 20 30 A for mum please?'),
  ni('NI no. is MW 23 45 67C'),
  ni('JG 01 23 45 B is the number on the P60.'),

  // Full postcodes
  postcode('The family have moved to ME14 1XQ, is that still in the Maidstone patch?'),
  postcode('New address is in CT9 1XZ so it will go to the Thanet team.'),
  postcode('Postcode ct11 8ep, any idea which district that is?'),
  postcode('They are living with nan at TN23 1AB for now.'),
  postcode('Mum has been placed in temporary accommodation in DA12 2PQ.'),
  postcode('Can someone check whether ME4 5TY is covered by the Medway front door?'),
  postcode('Housing offered her a flat at ME157LS but she refused it.'),
  postcode('Referral came in for a family at CT1 2NG.'),
  postcode("He's staying at his dad's in SE9 6AB, which is outside Kent."),
  postcode('Postcode: BR8 7QP – can Kent take the referral or does it go to Bromley?'),
  postcode("They've been rehoused at me10 3dz"),
  postcode('Dad moved to Folkestone, CT20 2QW.'),

  // Dates of birth
  dob('DOB 27/11/2015, in Year 5 at a Margate primary.'),
  dob('The youngest was born on 14 March 2021.'),
  dob("Date of birth: 03-06-2009 – he'll be 17 this summer."),
  dob('d.o.b. 2012-09-30, Year 8.'),
  dob('Born 27th Nov 2015, so turns ten this year.'),
  dob("Her birthday is 5 January 2014 and she's desperate for a party."),
  dob('dob 01/02/18 for the baby'),
  dob('The twins were born 12.08.2016 at Pembury.'),
  dob('Mum (DOB 22/04/1990) has asked for a copy of the plan.'),
  dob('He was born on the 9th of July 2010 and has never been registered with a dentist.'),
  dob('She turns 16 on 3 May 2026 so the plan needs to change.', 'gives the date of birth away'),
  dob('Birth date 2015-11-27 according to the school.'),
  dob('Celebrated his 10th birthday on 27 November 2025 with no one from school.'),
  dob('born 2/3/2019, so not yet at school'),
  dob('DOB: 31 Dec 2008 (care leaver now).'),
  dob('The baby was born last Tuesday at Darent Valley.', 'a relative date pins the birth down: expected miss'),

  // Phone numbers
  phone("Mum's mobile is 07700 900123, she prefers texts."),
  phone('Ring dad on 07700900456 after 6pm.'),
  phone('Her number: +44 7700 900789'),
  phone('+447700900321 is the only number we have for the family.'),
  phone("Nan's landline is 01632 960001."),
  phone('Call the school on 01622 960 123 and ask for the DSL about him.'),
  phone("Try him on 020 7946 0018, it's his work number."),
  phone("Grandad's number is 0113 496 0555."),
  phone('Text 07700-900-654 if you can take the case.'),
  phone("the number she gave was 0161 496 0000 but it's disconnected"),
  phone('mob 07700 900 987'),
  phone('Mum asked me to put her number up: (01632) 960 002.'),
  phone('Her new mobile 0770 090 0111'),
  phone("Aunt's phone is 07700 900 222 if mum doesn't answer."),

  // E-mail addresses
  email("Mum's email is sarah.k1987@gmail.com if you want to send the leaflet."),
  email('Contact dad at mark_smith@hotmail.co.uk'),
  email('He uses jaydenxx2010@outlook.com for his school account.'),
  email("Send the plan to kerry.jones@kent.gov.uk, she's the lead worker.", "a named person's work address is still personal data"),
  email('Her email: NAN.BETTY@YAHOO.COM'),
  email('can you email me on p.okafor@nhs.net with the referral', 'the poster’s own address, but still a personal address'),
  email("The teen's Snapchat is linked to lily.2011@icloud.com."),
  email('Email address on the form was t.obrien+family@btinternet.com'),
  email('Mum said write to her at kaz_w@live.co.uk.'),
  email('reply-to is jess.m.harper@gmail.com.'),

  // Street addresses
  address('They live at 14 Mill Lane, next to the shop.'),
  address('Flat 3, 22 High Street is the new address.'),
  address("Moved from 7 Cherry Tree Avenue to her mum's."),
  address('Police were called to 41 Station Road last night.'),
  address('Home visit at 9a Orchard Close went well.'),
  address("She's at 118 London Rd with her partner."),
  address('Number 5 Victoria Crescent has been empty since they left.'),
  address('Dad is sofa surfing at 2 Church St.'),
  address('Address is 33 Beech Grove, Ashford.'),
  address('The family at 12 Kingsway Gardens have asked for a food bank voucher.'),
  address('Nan lives at 6 The Mews behind the pub.'),
  address('Flat 12, Jubilee Court, above the chemist.'),
  address('44 Hawthorn Drive, Sittingbourne is the address we have.'),
  address('I drove past their house on Mill Lane and the curtains were shut.', 'a street without a number: expected miss'),
  address('60 st peters road', 'all lower case: expected miss'),

  // Names beside family roles, and titled names
  name("Mum Sarah says she can't manage the school run any more."),
  name("Sarah's mum is refusing to engage with the TAF."),
  name('The child, Jayden, has been excluded twice this term.'),
  name('Jayden (Year 9) is now on a reduced timetable.'),
  name('Year 9 pupil Liam has been missing lessons.'),
  name("Her son Tyler won't go to school."),
  name("Mrs Khan's daughter has started at the PRU."),
  name('Dad, Mark Smith, is back in the family home.'),
  name("I'm working with stepdad Gary on his drinking."),
  name('Nan Pauline has been doing all the childcare.'),
  name("Kai's dad is in prison until next year."),
  name("the young person, Ellie-Mae, has said she won't attend"),
  name('Her boyfriend Dean keeps turning up at the house.'),
  name('Mr Patel has asked for a copy of the minutes.'),
  name('Ms Okonkwo, the mother, has agreed to the plan.'),
  name('A boy called Harvey in Year 4 is struggling.'),
  name('Brother Connor is also known to youth justice.'),
  name('Y11 student Amelia has stopped attending.'),
  name('Grandad Roy is the kinship carer now.'),
  name('Her partner Lee has moved in.'),
  name('Auntie Jo picks the kids up.'),
  name('The baby, Nevaeh, is under a CP plan.'),
  name('Sister Chloe (Y7) is doing fine.'),
  name("Ruby's stepmum doesn't want the children there at weekends."),
  name('the eldest, Mason, is a young carer'),
  name('Mr and Mrs Hughes have separated.'),
  name('I visited Tyler and his mum yesterday.'),
  name('Young carer Kayden looks after his mum.'),
  name('mum, Leanne Price, agreed to a referral'),
  name('Dr Shah at the surgery has referred mum for counselling.', 'names a GP, which points to the surgery'),
  name("The father (Wayne) hasn't had contact for a year."),
  name('Granddaughter Sophia lives with them.'),
  name('Their daughter Isla, 6, has speech delay.'),
  name("Jayden's attendance is down to 62%.", 'a name with no role word: expected miss'),
  name('Jess is 14 and her mum has asked for help.', 'a name with an age, not beside a role: expected miss'),
  name('spoke to mum sarah today, she is struggling', 'a lower-case name: expected miss'),

  // Case reference numbers: the information sharing SOP forbids them in the forum
  reference('The CAF reference is CAF-2026-114 if anyone wants to look it up.'),
  reference('LCS ref 4471829 – can the social worker call me?'),
  reference('EHA ref EH/2026/0452 was closed too early in my view.'),
  reference("Liberi ID 2093847, mum has asked what's on her file."),
  reference('Referral number 20260311045 was sent to the wrong district.'),

  // A child at risk now
  risk('A Year 6 girl told me her stepdad hit her and she is scared to go home tonight.'),
  risk("He came into school with bruises on his arm again and won't say how."),
  risk("The 14 year old says her mum's boyfriend has been touching her sexually."),
  risk('She disclosed that she is being abused by her uncle.'),
  risk("The youngest is being neglected, there's no food in the house and they're left alone overnight."),
  risk('Dad threatened to kill mum in front of the kids last night.'),
  risk("He's been self-harming again and says he wants to die."),
  risk("She says she doesn't feel safe at home with her brother."),
  risk("Mum's partner punched the 10 year old on Saturday."),
  risk("The baby has unexplained bruising on her face and mum can't explain it."),
  risk("A 15 year old has gone missing again and we think she's with older men."),
  risk("Kid told me he gets hit with a belt when he's late home."),
  risk('Our YP has started cutting herself and is talking about ending her life.'),

  // Second batch, written after the first run to probe weaknesses; kept whatever the result.
  name('Spoke to Kelly (mum) this morning.'),
  name('The lad, Ryan, is 15 and refusing school.'),
  name("Mum's new fella, Darren, has a history of DV."),
  name('Mother: Tracey Ellis'),
  name('Year 10 Ellie and her brother are both off school.'),
  name("I've got Tyler's brother on my caseload too."),
  name("Miss Hart from the school says he's been late every day.", 'a teacher named: points to the school'),
  name("Jordan's mum and dad have split up."),
  name('The Johnson family have moved again.'),
  name('The Smiths are back in Margate and asking for help.'),
  dob('DOB – 4/7/2012'),
  dob('born 04.07.12, Year 8 now'),
  dob('Bday: 4th July 2012'),
  dob('He was born in Medway on 02/02/2014.'),
  address('Address: 17 Sea View Road, Herne Bay'),
  address('She lives in 3 Rose Cottages near the church.'),
  postcode('postcode is tn24 8hz'),
  ni('NI: PX 20 30 40 B'),
  nhs('nhs num 4010232137'),
  email('Email him at kyle99@gmail.com'),
  phone('Can you ring Nan on 07700 900 111?'),
  { text: 'His insta is @kyle_x99 if you want to see what he posts.', identifying: true, note: 'a social media handle: no detector' },
  risk('Mum\'s boyfriend has been hitting the kids.'),
  risk('She said her dad locks her in her room.'),
  risk("He told his teacher that his mum's partner hurts him."),
  risk("There are marks on the baby's neck."),
  risk("She's 13 and sleeping with a 19 year old."),

  // Third batch, written after the code was last changed and run once as a held-out check.
  name('Can anyone help? Mum (Kerry) is being evicted on Friday.'),
  address("Nan's address is 8 Elm Walk, Deal."),
  name('His older brother Jack is in a YOI.'),
  dob('the little one was born 19/06/2023'),
  phone('Dads number 07700 900 444, he works nights'),
  email("I've emailed her at donna.r@yahoo.co.uk."),
  postcode('Family now at CT14 6JR, Deal.'),
  name('Little Alfie is still not walking at 2.', 'a name with no role word'),
  name('Mr & Mrs Ahmed came to the TAF together.'),
  ni('NI is HW 11 22 33 A'),
  name('Uncle Dave has parental responsibility now.'),
  address('The girl, 14, lives with her gran on the Shepway estate.'),
  risk('Dad is drinking again and smashed up the flat with the kids there last night.'),
  risk("She's terrified of her stepdad and begged me not to tell anyone."),

  // Jigsaw identification: no single detail, but the family could be recognised
  { text: 'The only family with triplets on the Millmead estate has asked for help again.', identifying: true, note: 'jigsaw: expected miss' },
  { text: 'The Polish family whose dad drives the school bus in Deal have been evicted.', identifying: true, note: 'jigsaw: expected miss' },
];

export const HARMLESS: readonly LabelledSentence[] = [
  // Ordinary practice talk, with role words and no names
  harmless('How do I run a TAF meeting with a reluctant mum?'),
  harmless('Year 9 attendance has dropped across the school.'),
  harmless('Does the SOP allow sharing with housing?'),
  harmless('I met the family on 3 March and they were keen to engage.'),
  harmless('A mum asked me whether the programme affects her benefits.'),
  harmless('Year 9 students seem to struggle most with the move to GCSE options.'),
  harmless('Has anyone got a good template for a family plan?'),
  harmless('Mum said she felt listened to for the first time.'),
  harmless('Dad attended the review and was really positive.'),
  harmless("The child's voice should be at the centre of every plan."),
  harmless("What's the best way to engage dads who work shifts?"),
  harmless('Our Lead Practitioner forum meets every second Tuesday.'),
  harmless('Any tips for supporting young carers at secondary school?'),
  harmless('The Child Protection Plan was stepped down to Child in Need.'),
  harmless('Kent Young Carers are running a session in Ashford.'),
  harmless('Partner agencies need to be invited at least a week before.'),
  harmless('How do you explain consent to a parent with learning difficulties?'),
  harmless('Half of the mums in the group work part time.'),
  harmless('The dad was worried about losing his job if he came to meetings.'),
  harmless("Young person's plans should be written with them, not for them."),
  harmless('Our sibling group policy is in the SOP appendix.'),
  harmless("What's the best way to help a nan who has taken on her grandchildren?"),
  harmless('A grandad I work with is struggling with the school run.'),
  harmless('The stepdad is very supportive but mum is wary of services.'),
  harmless("Is there a Dad's Club anywhere in Dartford?"),
  harmless('The young person wants to be a mechanic.'),
  harmless('The child, who is in Year 4, is doing really well.'),
  harmless('Each sibling should have their own voice in the plan.'),
  harmless('Mum, dad and the three children all came to the meeting.'),
  harmless("Her son has autism and the school doesn't seem to understand."),
  harmless('One Year 10 pupil I worked with went on to college.'),
  harmless('A child in Year 9 asked me what early help actually means.'),
  harmless('Can the Year 13 group help with the summer scheme?'),
  harmless("Dad's mental health is the main barrier."),
  harmless("Mum's partner has been really supportive."),
  harmless('Brothers and sisters often get missed in plans.'),
  harmless('Can anyone recommend a parenting course for mums of teenagers?'),
  harmless("Our dads' group is looking for a new venue."),
  harmless('The baby group at the children\'s centre is full until April.'),
  harmless('Year 11 pupils have their mocks in January.'),
  harmless('The Year 6 to 7 transition is where we lose a lot of families.'),
  harmless('Has anyone used Signs of Safety with a mum who has a learning disability?'),
  harmless('My partner agency colleagues were really helpful.'),
  harmless('Grandparents Plus have a kinship carer helpline.'),
  harmless('Mother\'s Day is hard for children in care.'),
  harmless('Father Christmas visits the family hub on 20 December.'),
  harmless('The Baby Bank in Canterbury needs donations of nappies.'),
  harmless("Is Carer's Allowance counted as income for the criteria?"),
  harmless("Barnardo's run a service for children with a parent in prison."),

  // Names of practitioners, not of family members
  harmless('Sarah from the Swale team ran a great session on motivational interviewing.', 'a colleague, not a family member'),
  harmless('Thanks Priya, really useful.'),
  harmless("@Priya thanks, that's really helpful."),
  harmless('Please can we avoid names in this thread, even first names.'),

  // Dates that are not dates of birth
  harmless('The TAF meeting on 3 March 2026 has been moved to the Thursday.'),
  harmless('Our review is due on 27/11/2026, can anyone cover?'),
  harmless('Team Around the Family training is on 12 May 2026 in Maidstone.'),
  harmless('Payment by results claims close on 31 March 2026.'),
  harmless('The deadline for claims is 2026-03-31.'),
  harmless('Meeting moved to 10/03/2026 at 2pm.'),
  harmless('The ISA was signed on 01/04/2025 by all partners.'),
  harmless('A child protection conference was held on 5 February.'),
  harmless('Birthday parties are a real cost pressure for families in January.'),
  harmless('Many of our staff were born and bred in Thanet.'),
  harmless('Our new starter, born and raised in Dover, begins on 6 April 2026.'),
  harmless("How do I record a child's date of birth on the claims spreadsheet?"),
  harmless("The DOB field on the form won't accept dates before 2000."),
  harmless('Our next review is 2 December 2026, the day after my birthday.'),
  harmless('Children born in 2020 are starting reception this September.'),
  harmless('Child sexual exploitation awareness day is on 18 March.'),

  // Numbers that are not NHS, NI or phone numbers
  harmless("I'm not sure whether 4857773458 is a real NHS number, the system rejected it.", 'fails modulus 11'),
  harmless('The leaflet example uses 401 023 2138, which is deliberately invalid.', 'fails modulus 11'),
  harmless('Why does 943 476 5910 keep bouncing back from the spine check?', 'fails modulus 11'),
  harmless('Our project code is 634 908 2151 on the finance system.', 'check digit would be 10: invalid'),
  harmless('HMRC use QQ 12 34 56 C as the example NI number on their forms.', 'QQ is never issued'),
  harmless('GB 12 34 56 A would never be a real NI number.', 'GB prefix is not allocated'),
  harmless('Is DA 12 34 56 A a typo on the form? D is never a first letter.', 'D is not a valid first letter'),
  harmless('If it is an emergency, always call 999.'),
  harmless('For non-urgent police matters, ring 101.'),
  harmless('NHS 111 is a good option for out-of-hours health advice.'),
  harmless('Childline is free on 0800 1111 for young people.'),
  harmless('Call the front door on 03000 41 11 11 and ask for the duty worker.', 'public switchboard: the guard flags it anyway'),
  harmless("Kent's general switchboard is 03000 41 61 61.", 'public switchboard: the guard flags it anyway'),
  harmless('Does 07700 count as a mobile prefix in the claims data?'),
  harmless('The helpline is open 9am to 5pm, Monday to Friday.'),
  harmless('Does anyone know the 0-19 service contact in Swale?'),
  harmless('The grant is £1,250 per family for this phase.'),
  harmless('Attendance improved by 12% after the school started the breakfast club.'),
  harmless('Around 40% of our families have a parent with a mental health need.'),
  harmless('Does anyone have the 2025/26 outcomes plan?'),
  harmless('We had 14 new families referred in January.'),
  harmless('3 out of 4 families said the plan helped.'),
  harmless('We sent 250 surveys and got 98 back.'),
  harmless('We saw 1,234 families across 12 districts last year.'),
  harmless('Does the 10% uplift apply to the 2026 claim window?'),
  harmless('Budget code 40127 is for the family fund.'),
  harmless('Invoice number 2026-0457 has been paid.'),
  harmless('Referral numbers rose 20% in Q3.'),
  harmless('Case loads of 18 to 22 families seem to be the norm.'),
  harmless('Room 2.14 at Invicta House is booked for the training.'),
  harmless('The nursery has spaces for 2 year olds from September.'),
  harmless('Course code TF-101 is the introduction to the programme.'),
  harmless('Form EHA1 needs the lead professional\'s signature.'),
  harmless('SOP version 2.3 was published in November.'),
  harmless('GDPR Article 6(1)(e) is the lawful basis we use.'),
  harmless('Section 17 of the Children Act 1989 covers children in need.'),
  harmless("Has anyone completed the Level 3 Diploma in Children's Services?"),
  harmless('Question 4 on the eligibility checker confused a few parents.'),
  harmless('Step 3 of the plan is the review.'),

  // Places, postcode districts and public addresses
  harmless('We have had lots of referrals from the ME14 area this month.'),
  harmless('Is TN23 covered by the Ashford team?'),
  harmless('Our patch covers CT9, CT10 and CT11.'),
  harmless('Use the outward code only, e.g. ME14, never the full postcode.'),
  harmless("The children's centre is on the High Street."),
  harmless('Our office moved to Sessions House, County Road, Maidstone.'),
  harmless('We had 3 Family Court hearings in the team this week.'),
  harmless('The family hub in Ramsgate now opens on Saturdays.'),
  harmless('The Kent and Medway Information Sharing Agreement was updated in 2025.'),
  harmless('We meet at the Gateway, 25 Week Street, every Monday.', 'a public building: the guard flags the address anyway'),
  harmless(
    'Freedom of Information requests go to Kent County Council, Sessions House, Maidstone ME14 1XQ.',
    'a public building: the guard flags the postcode anyway',
  ),

  // Contact routes that are not a person
  harmless('Email the programme team through the contact form on the portal.'),
  harmless('Send your claims to earlyhelp.claims@kent.gov.uk by Friday.', 'a team mailbox: the guard flags it anyway'),
  harmless('The Early Help Notification form asks for the postcode, but never post it here.'),

  // Safeguarding as a topic, not a child at risk now
  harmless('Does anyone have training on domestic abuse for dads?'),
  harmless("We're doing a neglect toolkit refresher next month."),
  harmless('Any good resources on self-harm for Year 8?'),
  harmless('The cuts have really hit early help budgets.'),
  harmless('We hit our attendance target for the first time this year.'),
  harmless('Staff felt not safe lone working in the evenings, so we changed the policy.'),
  harmless('How do you talk to a child who is scared of the dentist?'),
  harmless('The bruising in non-mobile babies protocol is on the KSCMP site.'),
  harmless('What counts as neglect under the Graded Care Profile?'),
  harmless('How do I make a referral if a child discloses abuse?'),
  harmless('The MASH threshold document is really helpful.'),

  // Everything else
  harmless('Ofsted said our Early Help offer was good.'),
  harmless('Payment by results is changing next year, has anyone seen the guidance?'),
  harmless('Reflective supervision has made a huge difference to our team.'),
  harmless('Most families in the programme have more than one headline need.'),
  harmless('Can I share a case study if everything identifying is removed?'),
  harmless('The Troubled Families Outcomes Framework has six headlines.'),
  harmless("The portal is down, is it just me?"),
  harmless('Does anyone know if Universal Credit counts towards the worklessness criterion?'),
  harmless("I've uploaded the Signs of Safety slides to the resources page."),
  harmless("Monday's meeting was cancelled because of the strike."),
  harmless('Meet the Lead Practitioner Team on 4 June at Invicta House.'),
  // Second batch, written after the first run to probe false alarms; kept whatever the result.
  harmless('Mum was really proud when the plan closed.'),
  harmless('A dad called me to ask about the food bank.'),
  harmless('Sarah, can you share the slides from Tuesday?'),
  harmless('A nan rang the front door line on behalf of her grandson.'),
  harmless('Kent Police and the school both attended.'),
  harmless('The Year 8 Ofsted report was positive.'),
  harmless('The Child Exploitation Team meets on Wednesdays.'),
  harmless('Baby Steps is a great course for new parents.'),
  harmless('Mum Mentors in Swale are recruiting volunteers.'),
  harmless('We were hit by a wave of referrals after half term.'),
  harmless('Families were hit hard by the energy price rises.'),
  harmless("I was born in 1978 and still can't use Teams!"),
  harmless('Session dates: 12/01/2027, 19/01/2027, 26/01/2027.'),
  harmless('The new lead for Dover is Ms Clarke.', 'a colleague, not a family member'),
  harmless('KS2 SATs are in May.'),
  harmless('Case 12345 in the training scenario is fictional.'),
  harmless('The ISA reference number is ISA-2024-01 for the whole partnership.'),
  harmless('Her daughter, aged 7, came to the meeting and drew a picture.'),
  harmless('We support 12 Primary Schools across Swale.'),
  harmless('Up to 3 Court visits per case are funded.'),
  // Third batch, written after the code was last changed and run once as a held-out check.
  harmless("Who's the best person to talk to about Early Help Notifications in Dover?"),
  harmless('Mum and baby groups are a good way in for isolated parents.'),
  harmless("I've been a family support worker for 12 years."),
  harmless('Year 7 transition days are on 1 and 2 July.'),
  harmless('The Sunflower Lanyard scheme is useful for hidden disabilities.'),
  harmless('Can someone explain the difference between Level 2 and Level 3 in the threshold?'),
  harmless("The dads' group at Ashford Gateway meets on 14 January 2027."),
  harmless('Our 4 Lead Practitioners cover the whole district.'),
  harmless("What's the policy on sharing a child's first name with the school nurse?"),
  harmless('Happy birthday to Priya in the Dover team!'),
  harmless('The Jubilee Centre, 45 Bank Street, has free parenting sessions.', 'a public building: the guard flags the address anyway'),
  harmless('Just back from the Signs of Safety conference, really inspiring.'),
];

export const SENTENCES: readonly LabelledSentence[] = [...IDENTIFYING, ...HARMLESS];
