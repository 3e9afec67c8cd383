/** The ten roles our brief names, in its order: Home's quick picks. */
export const ROLES_OF_THE_BRIEF: readonly { key: string; name: string }[] = [
  { key: 'machine-learning-engineer', name: 'Machine Learning Engineer' },
  { key: 'data-scientist', name: 'Data Scientist' },
  { key: 'deep-learning-engineer', name: 'Deep Learning Engineer' },
  { key: 'ai-research-scientist', name: 'AI Research Scientist' },
  { key: 'ai-product-manager', name: 'AI Product Manager' },
  { key: 'ai-ethics-specialist', name: 'AI Ethics Specialist' },
  { key: 'mlops-engineer', name: 'MLOps Engineer' },
  { key: 'ai-trainer', name: 'AI Trainer' },
  { key: 'prompt-engineer', name: 'Prompt Engineer' },
  { key: 'ai-content-designer', name: 'AI Content Designer' },
];
