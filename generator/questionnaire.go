package generator

// addQuestionnaire adds the questionnaire's pages (see package decide).
func (b *builder) addQuestionnaire() {}
