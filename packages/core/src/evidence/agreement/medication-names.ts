/**
 * Common medication names, written by hand for this checker (no download, no registry): generic
 * names of frequently prescribed outpatient and emergency drugs and the brand names patients say,
 * each brand mapped to its generic so "Lasix" in a statement matches "furosemide" in a quote. One
 * entry per generic, its brands after it: `furosemide,lasix`.
 * Names that are also everyday words or lab tests ("iron", "potassium", "testosterone") are left out:
 * a statement about a lab value would be flagged. Extend by adding a `generic` entry or `,brand` to one.
 */
const ENTRIES =
  // cardiovascular
  "lisinopril,zestril,prinivil enalapril,vasotec ramipril,altace benazepril,lotensin quinapril captopril " +
  "losartan,cozaar valsartan,diovan irbesartan olmesartan,benicar telmisartan,micardis candesartan " +
  "amlodipine,norvasc nifedipine,procardia diltiazem,cardizem verapamil metoprolol,toprol,lopressor " +
  "atenolol,tenormin carvedilol,coreg propranolol,inderal bisoprolol labetalol nebivolol,bystolic " +
  "hydrochlorothiazide,hctz chlorthalidone furosemide,lasix torsemide,demadex bumetanide,bumex " +
  "spironolactone,aldactone eplerenone hydralazine clonidine isosorbide,imdur nitroglycerin,nitrostat " +
  "digoxin,lanoxin amiodarone sotalol flecainide atorvastatin,lipitor rosuvastatin,crestor simvastatin,zocor " +
  "pravastatin,pravachol lovastatin ezetimibe,zetia fenofibrate gemfibrozil warfarin,coumadin,jantoven " +
  "apixaban,eliquis rivaroxaban,xarelto dabigatran,pradaxa edoxaban heparin enoxaparin,lovenox clopidogrel,plavix " +
  "prasugrel,effient ticagrelor,brilinta aspirin sacubitril,entresto " +
  // diabetes and endocrine
  "metformin,glucophage glipizide,glucotrol glyburide glimepiride pioglitazone,actos sitagliptin,januvia " +
  "linagliptin,tradjenta saxagliptin empagliflozin,jardiance dapagliflozin,farxiga canagliflozin,invokana " +
  "semaglutide,ozempic,wegovy,rybelsus liraglutide,victoza dulaglutide,trulicity tirzepatide,mounjaro exenatide " +
  "insulin glargine,lantus,basaglar,toujeo lispro,humalog aspart,novolog detemir,levemir degludec,tresiba " +
  "levothyroxine,synthroid,levoxyl liothyronine methimazole,tapazole propylthiouracil " +
  // pain, musculoskeletal, neuro
  "ibuprofen,advil,motrin naproxen,aleve,naprosyn meloxicam,mobic diclofenac,voltaren celecoxib,celebrex " +
  "indomethacin ketorolac,toradol acetaminophen,tylenol,paracetamol tramadol,ultram oxycodone,percocet,oxycontin " +
  "hydrocodone,norco,vicodin morphine hydromorphone,dilaudid codeine fentanyl buprenorphine,suboxone methadone " +
  "naloxone,narcan cyclobenzaprine,flexeril methocarbamol,robaxin tizanidine,zanaflex baclofen gabapentin,neurontin " +
  "pregabalin,lyrica sumatriptan,imitrex rizatriptan,maxalt topiramate,topamax amitriptyline,elavil nortriptyline " +
  "duloxetine,cymbalta colchicine,colcrys allopurinol,zyloprim febuxostat,uloric prednisone prednisolone " +
  "methylprednisolone,medrol dexamethasone,decadron hydrocortisone triamcinolone,kenalog lidocaine " +
  // psychiatric and sleep
  "sertraline,zoloft fluoxetine,prozac citalopram,celexa escitalopram,lexapro paroxetine,paxil venlafaxine,effexor " +
  "desvenlafaxine,pristiq bupropion,wellbutrin mirtazapine,remeron trazodone,desyrel buspirone,buspar " +
  "lorazepam,ativan alprazolam,xanax clonazepam,klonopin diazepam,valium zolpidem,ambien quetiapine,seroquel " +
  "olanzapine,zyprexa risperidone,risperdal aripiprazole,abilify lithium lamotrigine,lamictal levetiracetam,keppra " +
  "valproate,depakote carbamazepine,tegretol phenytoin,dilantin methylphenidate,ritalin amphetamine,adderall " +
  "atomoxetine,strattera donepezil,aricept memantine,namenda " +
  // infections
  "amoxicillin,augmentin ampicillin penicillin dicloxacillin cephalexin,keflex cefdinir,omnicef cefuroxime,ceftin " +
  "ceftriaxone,rocephin cefazolin azithromycin,zithromax,zpack clarithromycin,biaxin erythromycin doxycycline " +
  "minocycline tetracycline ciprofloxacin,cipro levofloxacin,levaquin moxifloxacin nitrofurantoin,macrobid " +
  "trimethoprim sulfamethoxazole,bactrim,septra clindamycin,cleocin metronidazole,flagyl vancomycin linezolid " +
  "fluconazole,diflucan nystatin terbinafine,lamisil acyclovir,zovirax valacyclovir,valtrex oseltamivir,tamiflu " +
  "paxlovid nirmatrelvir " +
  // respiratory and allergy
  "albuterol,ventolin,proair,proventil levalbuterol,xopenex ipratropium,atrovent tiotropium,spiriva " +
  "fluticasone,flonase,flovent,advair budesonide,pulmicort,symbicort mometasone,nasonex beclomethasone salmeterol " +
  "formoterol montelukast,singulair cetirizine,zyrtec levocetirizine,xyzal loratadine,claritin " +
  "desloratadine,clarinex fexofenadine,allegra diphenhydramine,benadryl hydroxyzine,atarax,vistaril " +
  "benzonatate,tessalon guaifenesin,mucinex,robitussin dextromethorphan pseudoephedrine,sudafed epinephrine,epipen " +
  // gastrointestinal and urology
  "omeprazole,prilosec esomeprazole,nexium pantoprazole,protonix lansoprazole,prevacid rabeprazole,aciphex " +
  "famotidine,pepcid ranitidine,zantac sucralfate,carafate ondansetron,zofran metoclopramide,reglan " +
  "promethazine,phenergan prochlorperazine,compazine loperamide,imodium docusate,colace senna,senokot " +
  "bisacodyl,dulcolax lactulose polyethylene,miralax mesalamine tamsulosin,flomax finasteride,proscar " +
  "dutasteride,avodart oxybutynin,ditropan tolterodine,detrol mirabegron,myrbetriq sildenafil,viagra " +
  "tadalafil,cialis " +
  // other common
  "methotrexate hydroxychloroquine,plaquenil adalimumab,humira etanercept,enbrel infliximab,remicade tamoxifen " +
  "letrozole anastrozole alendronate,fosamax estradiol medroxyprogesterone,depo norethindrone";

/** Lower-case name → canonical (generic) name. */
export const MEDICATION_NAMES: ReadonlyMap<string, string> = new Map(
  ENTRIES.split(/\s+/)
    .filter((e) => e.length > 0)
    .flatMap((e): [string, string][] => {
      const names = e.split(",");
      return names.map((name) => [name, names[0] as string]);
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
