/**
 * Common medication names, written by hand for this checker (no download, no registry): generic
 * names of frequently prescribed outpatient and emergency drugs and the brand names patients say,
 * each brand mapped to its generic so "Lasix" in a statement matches "furosemide" in a quote.
 * Names that are also everyday words or lab tests ("iron", "potassium", "testosterone") are left out:
 * a statement about a lab value would be flagged. Extend by adding `generic` or `brand=generic` entries.
 */
const ENTRIES =
  // cardiovascular
  "lisinopril enalapril ramipril benazepril quinapril captopril losartan valsartan irbesartan olmesartan telmisartan candesartan " +
  "amlodipine nifedipine diltiazem verapamil metoprolol atenolol carvedilol propranolol bisoprolol labetalol nebivolol " +
  "hydrochlorothiazide chlorthalidone furosemide torsemide bumetanide spironolactone eplerenone hydralazine clonidine " +
  "isosorbide nitroglycerin digoxin amiodarone sotalol flecainide atorvastatin rosuvastatin simvastatin pravastatin lovastatin " +
  "ezetimibe fenofibrate gemfibrozil warfarin apixaban rivaroxaban dabigatran edoxaban heparin enoxaparin clopidogrel " +
  "prasugrel ticagrelor aspirin sacubitril entresto=sacubitril " +
  "lasix=furosemide demadex=torsemide bumex=bumetanide aldactone=spironolactone zestril=lisinopril prinivil=lisinopril " +
  "vasotec=enalapril altace=ramipril lotensin=benazepril cozaar=losartan diovan=valsartan benicar=olmesartan micardis=telmisartan " +
  "norvasc=amlodipine procardia=nifedipine cardizem=diltiazem toprol=metoprolol lopressor=metoprolol tenormin=atenolol " +
  "coreg=carvedilol inderal=propranolol bystolic=nebivolol lipitor=atorvastatin crestor=rosuvastatin zocor=simvastatin " +
  "pravachol=pravastatin zetia=ezetimibe coumadin=warfarin jantoven=warfarin eliquis=apixaban xarelto=rivaroxaban " +
  "pradaxa=dabigatran lovenox=enoxaparin plavix=clopidogrel effient=prasugrel brilinta=ticagrelor lanoxin=digoxin " +
  "imdur=isosorbide nitrostat=nitroglycerin hctz=hydrochlorothiazide " +
  // diabetes and endocrine
  "metformin glipizide glyburide glimepiride pioglitazone sitagliptin linagliptin saxagliptin empagliflozin dapagliflozin " +
  "canagliflozin semaglutide liraglutide dulaglutide tirzepatide exenatide insulin glargine lispro aspart detemir degludec " +
  "levothyroxine liothyronine methimazole propylthiouracil " +
  "glucophage=metformin glucotrol=glipizide januvia=sitagliptin tradjenta=linagliptin jardiance=empagliflozin " +
  "farxiga=dapagliflozin invokana=canagliflozin ozempic=semaglutide wegovy=semaglutide rybelsus=semaglutide " +
  "victoza=liraglutide trulicity=dulaglutide mounjaro=tirzepatide lantus=glargine basaglar=glargine toujeo=glargine " +
  "humalog=lispro novolog=aspart levemir=detemir tresiba=degludec synthroid=levothyroxine levoxyl=levothyroxine " +
  "tapazole=methimazole actos=pioglitazone " +
  // pain, musculoskeletal, neuro
  "ibuprofen naproxen meloxicam diclofenac celecoxib indomethacin ketorolac acetaminophen tramadol oxycodone hydrocodone " +
  "morphine hydromorphone codeine fentanyl buprenorphine methadone naloxone cyclobenzaprine methocarbamol tizanidine baclofen " +
  "gabapentin pregabalin sumatriptan rizatriptan topiramate amitriptyline nortriptyline duloxetine colchicine allopurinol " +
  "febuxostat prednisone prednisolone methylprednisolone dexamethasone hydrocortisone triamcinolone lidocaine " +
  "advil=ibuprofen motrin=ibuprofen aleve=naproxen naprosyn=naproxen mobic=meloxicam voltaren=diclofenac celebrex=celecoxib " +
  "toradol=ketorolac tylenol=acetaminophen paracetamol=acetaminophen ultram=tramadol percocet=oxycodone oxycontin=oxycodone " +
  "norco=hydrocodone vicodin=hydrocodone dilaudid=hydromorphone suboxone=buprenorphine narcan=naloxone flexeril=cyclobenzaprine " +
  "robaxin=methocarbamol zanaflex=tizanidine neurontin=gabapentin lyrica=pregabalin imitrex=sumatriptan maxalt=rizatriptan " +
  "topamax=topiramate elavil=amitriptyline cymbalta=duloxetine colcrys=colchicine zyloprim=allopurinol uloric=febuxostat " +
  "medrol=methylprednisolone decadron=dexamethasone kenalog=triamcinolone " +
  // psychiatric and sleep
  "sertraline fluoxetine citalopram escitalopram paroxetine venlafaxine desvenlafaxine bupropion mirtazapine trazodone " +
  "buspirone lorazepam alprazolam clonazepam diazepam zolpidem quetiapine olanzapine risperidone aripiprazole lithium " +
  "lamotrigine levetiracetam valproate carbamazepine phenytoin methylphenidate amphetamine atomoxetine donepezil memantine " +
  "zoloft=sertraline prozac=fluoxetine celexa=citalopram lexapro=escitalopram paxil=paroxetine effexor=venlafaxine " +
  "pristiq=desvenlafaxine wellbutrin=bupropion remeron=mirtazapine desyrel=trazodone buspar=buspirone ativan=lorazepam " +
  "xanax=alprazolam klonopin=clonazepam valium=diazepam ambien=zolpidem seroquel=quetiapine zyprexa=olanzapine " +
  "risperdal=risperidone abilify=aripiprazole lamictal=lamotrigine keppra=levetiracetam depakote=valproate " +
  "tegretol=carbamazepine dilantin=phenytoin ritalin=methylphenidate adderall=amphetamine strattera=atomoxetine " +
  "aricept=donepezil namenda=memantine " +
  // infections
  "amoxicillin ampicillin penicillin dicloxacillin cephalexin cefdinir cefuroxime ceftriaxone cefazolin azithromycin " +
  "clarithromycin erythromycin doxycycline minocycline tetracycline ciprofloxacin levofloxacin moxifloxacin nitrofurantoin " +
  "trimethoprim sulfamethoxazole clindamycin metronidazole vancomycin linezolid fluconazole nystatin terbinafine " +
  "acyclovir valacyclovir oseltamivir paxlovid nirmatrelvir " +
  "augmentin=amoxicillin keflex=cephalexin omnicef=cefdinir ceftin=cefuroxime rocephin=ceftriaxone zithromax=azithromycin " +
  "zpack=azithromycin biaxin=clarithromycin cipro=ciprofloxacin levaquin=levofloxacin macrobid=nitrofurantoin " +
  "bactrim=sulfamethoxazole septra=sulfamethoxazole cleocin=clindamycin flagyl=metronidazole diflucan=fluconazole " +
  "lamisil=terbinafine zovirax=acyclovir valtrex=valacyclovir tamiflu=oseltamivir " +
  // respiratory and allergy
  "albuterol levalbuterol ipratropium tiotropium fluticasone budesonide mometasone beclomethasone salmeterol formoterol " +
  "montelukast cetirizine levocetirizine loratadine desloratadine fexofenadine diphenhydramine hydroxyzine benzonatate " +
  "guaifenesin dextromethorphan pseudoephedrine " +
  "ventolin=albuterol proair=albuterol proventil=albuterol xopenex=levalbuterol atrovent=ipratropium spiriva=tiotropium " +
  "flonase=fluticasone flovent=fluticasone advair=fluticasone pulmicort=budesonide symbicort=budesonide nasonex=mometasone " +
  "singulair=montelukast zyrtec=cetirizine xyzal=levocetirizine claritin=loratadine clarinex=desloratadine " +
  "allegra=fexofenadine benadryl=diphenhydramine atarax=hydroxyzine vistaril=hydroxyzine tessalon=benzonatate " +
  "mucinex=guaifenesin robitussin=guaifenesin sudafed=pseudoephedrine epipen=epinephrine epinephrine " +
  // gastrointestinal and urology
  "omeprazole esomeprazole pantoprazole lansoprazole rabeprazole famotidine ranitidine sucralfate ondansetron " +
  "metoclopramide promethazine prochlorperazine loperamide docusate senna bisacodyl lactulose polyethylene mesalamine " +
  "tamsulosin finasteride dutasteride oxybutynin tolterodine mirabegron sildenafil tadalafil " +
  "prilosec=omeprazole nexium=esomeprazole protonix=pantoprazole prevacid=lansoprazole aciphex=rabeprazole " +
  "pepcid=famotidine zantac=ranitidine carafate=sucralfate zofran=ondansetron reglan=metoclopramide phenergan=promethazine " +
  "compazine=prochlorperazine imodium=loperamide colace=docusate senokot=senna dulcolax=bisacodyl miralax=polyethylene " +
  "flomax=tamsulosin proscar=finasteride avodart=dutasteride ditropan=oxybutynin detrol=tolterodine myrbetriq=mirabegron " +
  "viagra=sildenafil cialis=tadalafil " +
  // other common
  "methotrexate hydroxychloroquine adalimumab etanercept infliximab tamoxifen letrozole anastrozole alendronate " +
  "estradiol medroxyprogesterone norethindrone " +
  "plaquenil=hydroxychloroquine humira=adalimumab enbrel=etanercept remicade=infliximab fosamax=alendronate " +
  "depo=medroxyprogesterone";

/** Lower-case name → canonical (generic) name. */
export const MEDICATION_NAMES: ReadonlyMap<string, string> = new Map(
  ENTRIES.split(/\s+/)
    .filter((e) => e.length > 0)
    .map((e): [string, string] => {
      const [name = "", generic] = e.split("=");
      return [name, generic ?? name];
    }),
);

/**
 * Endings of generic names (USAN stems, e.g. "-pril" ACE inhibitors, "-sartan", "-olol", "-statin"),
 * for drugs missing from the list. Each is long and specific enough that no common English word ends
 * with it; words in {@link NOT_MEDICATIONS} are excluded anyway.
 */
export const MEDICATION_SUFFIXES: readonly string[] = [
  "pril", "sartan", "olol", "dipine", "statin", "gliptin", "gliflozin", "glutide", "formin", "prazole", "tidine", "setron",
  "floxacin", "cillin", "mycin", "cycline", "conazole", "azepam", "azolam", "triptan", "oxetine", "faxine", "pramine",
  "triptyline", "afil", "lukast", "terol", "semide", "thiazide", "parin", "xaban", "gatran", "grel", "profen", "coxib",
  "olone", "asone", "isone", "tinib", "zumab", "ximab", "mumab", "cept", "caine", "vudine", "ciclovir", "navir",
];

/** Words that end like a drug but are not one. */
export const NOT_MEDICATIONS: ReadonlySet<string> = new Set([
  "april", "cholesterol", "except", "accept", "concept", "intercept", "percept", "precept", "mongrel",
]);
